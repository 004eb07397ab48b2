package io.contactsync.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import io.contactsync.support.ContactSyncTest;
import io.contactsync.support.MovableClock;
import io.contactsync.support.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The dashboard's sign-in against guessing and forged requests: failed sign-ins are throttled per client address
 * (API tokens too) and logged without the token; the session cookie is HttpOnly and SameSite=Lax; redirects never
 * name the host a request's Host header did.
 * <p>
 * The throttle lives in the shared context and the test clock stands still, so an address's failures never
 * expire by themselves: each test signs in from addresses of its own (documentation ranges, RFC 5737 and 3849).
 */
@ContactSyncTest
@ExtendWith(OutputCaptureExtension.class)
class SignInThrottlingTests {

	private static final String WRONG = "wrong-token-guessed-0123456789";

	@Autowired
	MockMvc mvc;

	@Autowired
	MovableClock clock;

	@LocalServerPort
	int port;

	@AfterEach
	void clockBack() {
		clock.reset();
	}

	@Test
	void theSixthFailedSignInWithinAMinuteIsRefusedWith429AndRetryAfter() throws Exception {
		String address = "198.51.100.1";
		failFiveTimes(address);

		signIn(address, WRONG).andExpect(status().isTooManyRequests())
			.andExpect(header().string("Retry-After", "60"))
			.andExpect(content().string(containsString("Too many failed sign-ins from")))
			.andExpect(content().string(containsString("Wait <span>60 seconds</span>")))
			.andExpect(content().string(containsString("<label for=\"token\">API token</label>")))
			.andExpect(content().string(containsString("name=\"_csrf\"")));
	}

	@Test
	void anotherAddressIsStillLetIn() throws Exception {
		failFiveTimes("198.51.100.2");
		signIn("198.51.100.2", WRONG).andExpect(status().isTooManyRequests());

		signIn("198.51.100.3", WRONG).andExpect(redirectedUrl("/sign-in?error"));
		signIn("198.51.100.3", Tokens.VIEWER.value()).andExpect(redirectedUrl("/contacts"));
	}

	@Test
	void aBlockedAddressIsRefusedEvenTheRightTokenUntilItsMinuteIsOver() throws Exception {
		String address = "2001:db8::4";
		failFiveTimes(address);

		signIn(address, Tokens.ADMIN.value()).andExpect(status().isTooManyRequests())
			.andExpect(header().string("Retry-After", "60"));
		clock.advance(Duration.ofSeconds(59));
		signIn(address, Tokens.ADMIN.value()).andExpect(status().isTooManyRequests())
			.andExpect(header().string("Retry-After", "1"))
			.andExpect(content().string(containsString("Wait <span>1 second</span>")));

		clock.advance(Duration.ofSeconds(1));
		signIn(address, Tokens.ADMIN.value()).andExpect(redirectedUrl("/contacts"));
	}

	@Test
	void successfulSignInsAreNotCounted() throws Exception {
		String address = "198.51.100.5";
		for (int i = 0; i < 8; i++) {
			signIn(address, Tokens.OPERATOR.value()).andExpect(redirectedUrl("/contacts"));
		}
		failFiveTimes(address);
		signIn(address, WRONG).andExpect(status().isTooManyRequests());
	}

	@Test
	void aFailedSignInIsLoggedWithTheAddressAndTimeButNotTheToken(CapturedOutput output) throws Exception {
		String address = "203.0.113.6";
		String token = "guess-that-must-stay-out-of-the-log-0042";
		for (int i = 0; i < 6; i++) {
			signIn(address, token);
		}

		assertThat(output.getAll()).contains("Failed dashboard sign-in from 203.0.113.6 at 2025-08-22T12:00:00Z")
			.contains("Refused dashboard sign-in from 203.0.113.6 at 2025-08-22T12:00:00Z")
			.doesNotContain(token)
			.doesNotContain("guess-that")
			.doesNotContain("out-of-the-log");
		assertThat(output.getAll().lines().filter(line -> line.contains("203.0.113.6")))
			.allMatch(line -> line.contains("WARN"));
	}

	@Test
	void wrongApiTokensAreThrottledTooTogetherWithTheForm() throws Exception {
		String address = "203.0.113.7";
		for (int i = 0; i < 3; i++) {
			mvc.perform(get("/api/v1/contacts").header("Authorization", "Bearer " + WRONG).with(from(address)))
				.andExpect(status().isUnauthorized());
		}
		signIn(address, WRONG).andExpect(redirectedUrl("/sign-in?error"));
		signIn(address, WRONG).andExpect(redirectedUrl("/sign-in?error"));

		mvc.perform(get("/api/v1/contacts").with(Tokens.VIEWER.bearer()).with(from(address)))
			.andExpect(status().isTooManyRequests())
			.andExpect(header().string("Retry-After", "60"))
			.andExpect(header().string("Content-Type", "application/problem+json"))
			.andExpect(jsonPath("$.status").value(429));
		mvc.perform(get("/api/v1/contacts").with(Tokens.VIEWER.bearer()).with(from("203.0.113.8")))
			.andExpect(status().isOk());
		// No token at all is not a guess.
		for (int i = 0; i < 6; i++) {
			mvc.perform(get("/api/v1/contacts").with(from("203.0.113.9"))).andExpect(status().isUnauthorized());
		}
		mvc.perform(get("/api/v1/contacts").with(Tokens.VIEWER.bearer()).with(from("203.0.113.9")))
			.andExpect(status().isOk());
	}

	@Test
	void theSessionCookieIsHttpOnlyAndSameSiteLax() throws IOException {
		List<String> response = overHttp("/sign-in", "localhost:" + port);

		assertThat(response.get(0)).startsWith("HTTP/1.1 200");
		assertThat(response).filteredOn(line -> line.startsWith("Set-Cookie: JSESSIONID="))
			.singleElement()
			.satisfies(cookie -> assertThat(cookie).contains("; HttpOnly").contains("; SameSite=Lax"));
	}

	@Test
	void aRedirectNamesNoHostFromTheHostHeader() throws IOException {
		List<String> response = overHttp("/contacts", "evil.example");

		assertThat(response.get(0)).startsWith("HTTP/1.1 302");
		assertThat(response).contains("Location: /sign-in").noneMatch(line -> line.contains("evil.example"));
	}

	@Test
	void signingInLeadsBackToThePageAskedForWithoutTheHostOfItsHostHeader() throws Exception {
		MockHttpSession session = new MockHttpSession();
		mvc.perform(get("/contacts?channel=telegram").header("Host", "evil.example").session(session))
			.andExpect(redirectedUrl("/sign-in"));

		mvc.perform(post("/sign-in").param("token", Tokens.VIEWER.value()).with(csrf()).session(session))
			.andExpect(redirectedUrl("/contacts?channel=telegram&continue"));
	}

	private void failFiveTimes(String address) throws Exception {
		for (int i = 0; i < 5; i++) {
			signIn(address, WRONG).andExpect(redirectedUrl("/sign-in?error"));
		}
	}

	private ResultActions signIn(String address, String token) throws Exception {
		return mvc.perform(post("/sign-in").param("token", token).with(csrf()).with(from(address)));
	}

	private static RequestPostProcessor from(String address) {
		return request -> {
			request.setRemoteAddr(address);
			return request;
		};
	}

	/**
	 * A GET to the real server, written out by hand: HTTP clients choose the Host header themselves. The status
	 * line and the headers, one a line.
	 */
	private List<String> overHttp(String path, String host) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
			return Arrays.asList(response.substring(0, response.indexOf("\r\n\r\n")).split("\r\n"));
		}
	}
}
