package io.contactsync.security;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Turns {@code Authorization: Bearer <token>} into an authenticated request of the token's role. A request
 * without a known token stays anonymous, and the authorization rules answer it with 401. The principal is
 * the role's name, so audit records say which role acted and never hold the token.
 * <p>
 * A wrong token counts against the client's address in the {@link SignInThrottle}; an address past its limit
 * gets 429 for every token, right or wrong, until its minute is over. No token at all is not a guess and is not
 * counted.
 */
class BearerTokenAuthenticationFilter extends OncePerRequestFilter {

	private static final String PREFIX = "Bearer ";

	private static final String WHAT = "API sign-in";

	private final ApiTokens tokens;

	private final SignInThrottle throttle;

	private final Refusal refusal;

	BearerTokenAuthenticationFilter(ApiTokens tokens, SignInThrottle throttle, Refusal refusal) {
		this.tokens = tokens;
		this.throttle = throttle;
		this.refusal = refusal;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (header != null && header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
			Optional<Role> role = tokens.roleOf(header.substring(PREFIX.length()).trim());
			String address = request.getRemoteAddr();
			Optional<Duration> wait = role.isPresent() ? throttle.refusal(address, WHAT)
					: throttle.countFailure(address, WHAT);
			if (wait.isPresent()) {
				refusal.answer(request, response, wait.get());
				return;
			}
			role.ifPresent(known -> {
				var authentication = UsernamePasswordAuthenticationToken.authenticated(
						known.name().toLowerCase(), null, known.authorities());
				SecurityContextHolder.getContext().setAuthentication(authentication);
			});
		}
		chain.doFilter(request, response);
	}

	/** How a refused request is answered (429 as problem+json, with Retry-After). */
	@FunctionalInterface
	interface Refusal {

		void answer(HttpServletRequest request, HttpServletResponse response, Duration wait) throws IOException;
	}
}
