package io.contactsync.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Counts each post of the dashboard's sign-in form against the client's address before Spring Security checks
 * its token (see {@link SignInThrottle#countAttempt}). A refused post is not checked at all: it goes on, marked
 * with the seconds to wait, past the form login (whose matcher is {@link #notRefused}) to the sign-in page's
 * controller, which renders the form with 429 and a message a person can read.
 */
final class SignInThrottleFilter extends OncePerRequestFilter {

	static final String WHAT = "dashboard sign-in";

	private final SignInThrottle throttle;

	private final RequestMatcher signInPost;

	SignInThrottleFilter(SignInThrottle throttle, RequestMatcher signInPost) {
		this.throttle = throttle;
		this.signInPost = signInPost;
	}

	/** The form login's own matcher: the sign-in posts this filter let through. */
	static RequestMatcher notRefused(RequestMatcher signInPost) {
		return request -> signInPost.matches(request)
				&& request.getAttribute(SignInThrottle.RETRY_AFTER_SECONDS) == null;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !signInPost.matches(request);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		throttle.countAttempt(request.getRemoteAddr(), WHAT).ifPresent(wait -> {
			long seconds = SignInThrottle.seconds(wait);
			response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
			request.setAttribute(SignInThrottle.RETRY_AFTER_SECONDS, seconds);
		});
		chain.doFilter(request, response);
	}
}
