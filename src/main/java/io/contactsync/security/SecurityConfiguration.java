package io.contactsync.security;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bearer tokens on everything but health and the API description. The rules name the least role an
 * endpoint needs; anything not named needs admin, so a new endpoint is closed until someone opens it.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
@EnableConfigurationProperties({ ApiTokenProperties.class, SignInThrottleProperties.class })
class SecurityConfiguration {

	@Bean
	ApiTokens apiTokens(ApiTokenProperties properties, Environment environment) {
		boolean noneConfigured = !hasText(properties.viewer()) && !hasText(properties.operator())
				&& !hasText(properties.admin());
		if (noneConfigured && environment.acceptsProfiles(Profiles.of("dev"))) {
			return ApiTokens.of(new ApiTokenProperties(null, null, generateDevToken()));
		}
		return ApiTokens.of(properties);
	}

	/** One throttle for the API's tokens and the dashboard's sign-in, so failures at either count together. */
	@Bean
	SignInThrottle signInThrottle(SignInThrottleProperties properties, Clock clock) {
		return new SignInThrottle(properties, clock);
	}

	/** Before the dashboard's chain ({@link WebSecurityConfiguration}), which takes every other path. */
	@Bean
	@Order(1)
	SecurityFilterChain apiSecurity(HttpSecurity http, ApiTokens tokens, SignInThrottle throttle, JsonMapper json)
			throws Exception {
		return http
			.securityMatcher("/api/**", "/actuator/**", "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html",
					"/swagger-ui/**", "/error")
			.csrf(csrf -> csrf.disable()) // bearer tokens are not sent by browsers on their own
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.httpBasic(basic -> basic.disable())
			.formLogin(form -> form.disable())
			.addFilterBefore(new BearerTokenAuthenticationFilter(tokens, throttle,
					(request, response, wait) -> writeTooManyAttempts(json, request, response, wait)),
					AuthorizationFilter.class)
			.authorizeHttpRequests(requests -> requests
				.requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
				// The description and its UI hold no data, and the UI is where a token is entered.
				.requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**").permitAll()
				.requestMatchers("/error").permitAll()
				// A streamed download ends in an async dispatch of the request already authorised above.
				.dispatcherTypeMatchers(DispatcherType.ASYNC).permitAll()
				// Exports carry everyone's contact details at once: operators only, and audited.
				.requestMatchers(HttpMethod.GET, "/api/v1/contacts/export").hasRole(Role.OPERATOR.name())
				// Everything held about one person, transcripts included: admins, who handle such requests.
				.requestMatchers(HttpMethod.GET, "/api/v1/contacts/*/subject-export").hasRole(Role.ADMIN.name())
				.requestMatchers(HttpMethod.GET, "/api/v1/**").hasRole(Role.VIEWER.name())
				.requestMatchers(HttpMethod.POST, "/api/v1/captures", "/api/v1/mappings/validate",
						"/api/v1/jobs/*/executions", "/api/v1/executions/*/stop", "/api/v1/executions/*/restart")
				.hasRole(Role.OPERATOR.name())
				// Prometheus scrapes with a bearer token too (its authorization setting).
				.requestMatchers(HttpMethod.GET, "/actuator/prometheus").hasRole(Role.VIEWER.name())
				.anyRequest().hasRole(Role.ADMIN.name()))
			.exceptionHandling(errors -> errors
				.authenticationEntryPoint((request, response, ex) -> {
					response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
					writeProblem(json, request, response, HttpStatus.UNAUTHORIZED,
							"Send a valid token as 'Authorization: Bearer <token>'.");
				})
				.accessDeniedHandler((request, response, ex) -> writeProblem(json, request, response,
						HttpStatus.FORBIDDEN, "This token's role may not do this; it needs a higher role.")))
			.build();
	}

	private static void writeTooManyAttempts(JsonMapper json, HttpServletRequest request, HttpServletResponse response,
			Duration wait) throws IOException {
		long seconds = SignInThrottle.seconds(wait);
		response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
		writeProblem(json, request, response, HttpStatus.TOO_MANY_REQUESTS,
				"Too many wrong tokens from this address; try again in " + seconds + " seconds.");
	}

	private static void writeProblem(JsonMapper json, HttpServletRequest request, HttpServletResponse response,
			HttpStatus status, String detail) throws IOException {
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", "about:blank");
		problem.put("title", status.getReasonPhrase());
		problem.put("status", status.value());
		problem.put("detail", detail);
		problem.put("instance", request.getRequestURI());
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		json.writeValue(response.getOutputStream(), problem);
	}

	/**
	 * The dev profile's way in: a fresh admin token each start. It goes to the console, not to the log,
	 * because tokens are never logged and this one must still reach the developer.
	 */
	private static String generateDevToken() {
		byte[] random = new byte[24];
		new SecureRandom().nextBytes(random);
		String token = HexFormat.of().formatHex(random);
		System.out.println("""

				  Contact Sync dev profile: no tokens configured, so this run has a generated admin token:

				    export TOKEN=%s

				  Send it as 'Authorization: Bearer $TOKEN', or paste it into the dashboard's sign-in at
				  http://localhost:8080/ . It changes at every start.
				""".formatted(token));
		return token;
	}

	private static boolean hasText(String value) {
		return value != null && !value.isBlank();
	}
}
