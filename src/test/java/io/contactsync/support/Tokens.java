package io.contactsync.support;

import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** The tokens of application-test.yml as request decorations. */
public enum Tokens {

	VIEWER("test-viewer-token-0123456789"), OPERATOR("test-operator-token-0123456789"),
	ADMIN("test-admin-token-0123456789");

	private final String token;

	Tokens(String token) {
		this.token = token;
	}

	/** The token itself, as a person pastes it into the dashboard's sign-in form. */
	public String value() {
		return token;
	}

	public RequestPostProcessor bearer() {
		return request -> {
			request.addHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token);
			return request;
		};
	}
}
