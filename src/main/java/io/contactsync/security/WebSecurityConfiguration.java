package io.contactsync.security;

import jakarta.servlet.DispatcherType;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.DefaultRedirectStrategy;
import org.springframework.security.web.RedirectStrategy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.UrlUtils;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.util.UriComponents;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The dashboard's sign-in: a person pastes one of the API tokens into a form once and the session remembers the
 * role, so the browser never holds the token. Every form (htmx requests too) carries the session's CSRF token. The
 * rules mirror the API's: viewers read, operators export and run jobs, admins edit, delete and merge. Failed
 * sign-ins are throttled per client address ({@link SignInThrottle}), together with the API's wrong tokens.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class WebSecurityConfiguration {

	static final String SIGN_IN = "/sign-in";

	@Bean
	@Order(2)
	SecurityFilterChain webSecurity(HttpSecurity http, ApiTokens tokens, SignInThrottle throttle) throws Exception {
		RequestMatcher signInPost = PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, SIGN_IN);
		RedirectStrategy redirects = new PathOnlyRedirects();
		return http
			.authenticationProvider(new TokenSignIn(tokens))
			.addFilterBefore(new SignInThrottleFilter(throttle, signInPost), UsernamePasswordAuthenticationFilter.class)
			.formLogin(form -> form.loginPage(SIGN_IN)
				.passwordParameter("token")
				.successHandler(signedIn(throttle, redirects))
				.failureHandler(notSignedIn(throttle, redirects))
				.permitAll()
				.withObjectPostProcessor(new ObjectPostProcessor<UsernamePasswordAuthenticationFilter>() {
					@Override
					public <O extends UsernamePasswordAuthenticationFilter> O postProcess(O filter) {
						filter.setRequiresAuthenticationRequestMatcher(SignInThrottleFilter.notRefused(signInPost));
						return filter;
					}
				}))
			.logout(logout -> logout.logoutUrl("/sign-out").logoutSuccessUrl(SIGN_IN + "?signed-out"))
			.httpBasic(basic -> basic.disable())
			.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(
					"default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'")))
			.authorizeHttpRequests(requests -> requests
				.requestMatchers("/assets/**", "/webjars/**", "/favicon.ico").permitAll()
				// The form with any query ("?error", "?signed-out"): the form login's own permit matches the
				// login page's URL exactly, query and all, and a custom failure handler has no failure URL.
				.requestMatchers(HttpMethod.GET, SIGN_IN).permitAll()
				// An export streams in an async dispatch of the request already authorised below.
				.dispatcherTypeMatchers(DispatcherType.ASYNC).permitAll()
				.requestMatchers(HttpMethod.GET, "/contacts/export", "/executions/*/report")
				.hasRole(Role.OPERATOR.name())
				.requestMatchers(HttpMethod.POST, "/jobs/*/launch", "/executions/*/stop", "/executions/*/restart",
						"/crm/*/check")
				.hasRole(Role.OPERATOR.name())
				// Everything held about one person: admins, who handle such requests.
				.requestMatchers(HttpMethod.GET, "/contacts/*/subject-export").hasRole(Role.ADMIN.name())
				.requestMatchers(HttpMethod.GET, "/**").hasRole(Role.VIEWER.name())
				.anyRequest().hasRole(Role.ADMIN.name()))
			.exceptionHandling(errors -> errors.authenticationEntryPoint((request, response, ex) -> {
				// htmx swaps what it gets into the page; a sign-in form inside a table row helps nobody.
				if (request.getHeader("HX-Request") != null) {
					response.setHeader("HX-Redirect", SIGN_IN);
					response.setStatus(HttpStatus.UNAUTHORIZED.value());
				}
				else {
					new LoginUrlAuthenticationEntryPoint(SIGN_IN).commence(request, response, ex);
				}
			}))
			.build();
	}

	/** To the page asked for before signing in, else the contacts; the attempt does not count against the address. */
	private static AuthenticationSuccessHandler signedIn(SignInThrottle throttle, RedirectStrategy redirects) {
		SavedRequestAwareAuthenticationSuccessHandler next = new SavedRequestAwareAuthenticationSuccessHandler();
		next.setDefaultTargetUrl("/contacts");
		next.setRedirectStrategy(redirects);
		return (request, response, authentication) -> {
			throttle.succeeded(request.getRemoteAddr());
			next.onAuthenticationSuccess(request, response, authentication);
		};
	}

	/** Back to the form with its message; the failure is logged (it was counted before the token was checked). */
	private static AuthenticationFailureHandler notSignedIn(SignInThrottle throttle, RedirectStrategy redirects) {
		SimpleUrlAuthenticationFailureHandler next = new SimpleUrlAuthenticationFailureHandler(SIGN_IN + "?error");
		next.setRedirectStrategy(redirects);
		return (request, response, exception) -> {
			throttle.failed(request.getRemoteAddr(), SignInThrottleFilter.WHAT);
			next.onAuthenticationFailure(request, response, exception);
		};
	}

	/**
	 * Spring Security's redirects, with an absolute URL cut down to its path and query. The one absolute URL it
	 * sends here is a saved request's (the page asked for before signing in), which it writes with the host that
	 * the request's Host header named: a forged header must not send a person who signs in to another site.
	 * Relative URLs stay as they are, and Tomcat keeps them relative (server.tomcat.use-relative-redirects).
	 */
	private static final class PathOnlyRedirects extends DefaultRedirectStrategy {

		@Override
		protected String calculateRedirectUrl(String contextPath, String url) {
			if (!UrlUtils.isAbsoluteUrl(url)) {
				return super.calculateRedirectUrl(contextPath, url);
			}
			UriComponents target = UriComponentsBuilder.fromUriString(url).build();
			String path = target.getPath();
			// Browsers read "//host" and "/\host" as another host. The firewall refuses such request paths
			// already, so none should be saved; this only makes sure.
			if (path == null || !path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\")) {
				path = contextPath + "/";
			}
			return target.getQuery() == null ? path : path + "?" + target.getQuery();
		}
	}

	/** A token in the sign-in form's token field: the principal is the role's name, as for a bearer token. */
	private record TokenSignIn(ApiTokens tokens) implements AuthenticationProvider {

		@Override
		public Authentication authenticate(Authentication authentication) {
			Object token = authentication.getCredentials();
			Role role = token == null ? null : tokens.roleOf(token.toString().strip()).orElse(null);
			if (role == null) {
				throw new BadCredentialsException("That is not one of the configured tokens.");
			}
			return UsernamePasswordAuthenticationToken.authenticated(role.name().toLowerCase(), null,
					role.authorities());
		}

		@Override
		public boolean supports(Class<?> authentication) {
			return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
		}
	}
}
