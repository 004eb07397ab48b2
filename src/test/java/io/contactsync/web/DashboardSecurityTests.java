package io.contactsync.web;

import static io.contactsync.web.SignedInSessions.signIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.contactsync.support.ApplicationTest;
import io.contactsync.support.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The dashboard's sign-in and roles: a token pasted once gives a session; controls a role may not use are not on
 * its pages, and the server refuses them anyway; every form needs the session's CSRF token; the API still takes
 * only bearer tokens.
 */
class DashboardSecurityTests extends ApplicationTest {

	@LocalServerPort
	int port;

	long contact;

	@BeforeEach
	void aContact() {
		store.clear();
		contact = store.contact().name("Olivia Bennett").email("olivia@example.com").insert();
		store.conversation(contact, "closed", Instant.parse("2025-08-20T10:00:00Z"), "Hi", "Hello!");
	}

	@Test
	void aPageWithoutSignInSendsThePersonToTheSignInForm() throws Exception {
		mvc.perform(get("/contacts")).andExpect(status().isFound()).andExpect(redirectedUrl("/sign-in"));
		mvc.perform(get("/sign-in"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("<label for=\"token\">API token</label>")))
			.andExpect(content().string(containsString("name=\"_csrf\"")));
	}

	@Test
	void anHtmxRequestWithoutSessionIsToldWhereToSignInRatherThanGivenTheForm() throws Exception {
		mvc.perform(get("/contacts").header("HX-Request", "true"))
			.andExpect(status().isUnauthorized())
			.andExpect(header().string("HX-Redirect", "/sign-in"));
	}

	@Test
	void aWrongTokenIsRefusedWithAMessageAndNoSession() throws Exception {
		mvc.perform(post("/sign-in").param("token", "not-a-configured-token-000").with(csrf()))
			.andExpect(redirectedUrl("/sign-in?error"));
		mvc.perform(get("/sign-in").param("error", ""))
			.andExpect(content().string(containsString("That is not one of the configured")));
	}

	/**
	 * The pages the form's redirects lead to, fetched over HTTP as a browser follows them: a query string without
	 * a value ("?error") is what MockMvc cannot send, and what once sent a person back to an unmarked form.
	 */
	@Test
	void theFormsRedirectTargetsShowTheirMessageToAPersonNotSignedIn() throws Exception {
		HttpResponse<String> failed = fetch("/sign-in?error");
		assertThat(failed.statusCode()).isEqualTo(200);
		assertThat(failed.body()).contains("That is not one of the configured");
		HttpResponse<String> signedOut = fetch("/sign-in?signed-out");
		assertThat(signedOut.statusCode()).isEqualTo(200);
		assertThat(signedOut.body()).contains("You are signed out.");
	}

	private HttpResponse<String> fetch(String path) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build();
		return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
	}

	@Test
	void signingInWithoutTheCsrfTokenIsRefused() throws Exception {
		mvc.perform(post("/sign-in").param("token", Tokens.ADMIN.value())).andExpect(status().isForbidden());
	}

	@Test
	void theSessionShowsTheRoleAndSigningOutEndsIt() throws Exception {
		MockHttpSession session = signIn(mvc, Tokens.OPERATOR);
		mvc.perform(get("/contacts").session(session))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Signed in as <strong>operator</strong>")));
		mvc.perform(post("/sign-out").session(session).with(csrf())).andExpect(redirectedUrl("/sign-in?signed-out"));
		mvc.perform(get("/contacts").session(session)).andExpect(redirectedUrl("/sign-in"));
	}

	@Test
	void aViewerSeesNoEditDeleteOrExportControlsAndIsRefusedThem() throws Exception {
		MockHttpSession viewer = signIn(mvc, Tokens.VIEWER);
		mvc.perform(get("/contacts").session(viewer))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Olivia Bennett")))
			.andExpect(content().string(not(containsString("✏️"))))
			.andExpect(content().string(not(containsString("/contacts/" + contact + "/delete"))))
			.andExpect(content().string(not(containsString("/contacts/export"))));
		mvc.perform(get("/contacts/" + contact).session(viewer))
			.andExpect(status().isOk())
			.andExpect(content().string(not(containsString("id=\"edit\""))));

		mvc.perform(get("/contacts/export").param("format", "csv").session(viewer)).andExpect(status().isForbidden());
		mvc.perform(post("/contacts/" + contact + "/delete").session(viewer).with(csrf()))
			.andExpect(status().isForbidden());
		mvc.perform(post("/contacts/" + contact).param("name", "Changed").param("version", "0").session(viewer)
			.with(csrf())).andExpect(status().isForbidden());
		mvc.perform(post("/jobs/generate/launch").session(viewer).with(csrf())).andExpect(status().isForbidden());
		assertThat(store.count("contact")).isEqualTo(1);
		assertThat(name()).isEqualTo("Olivia Bennett");
	}

	@Test
	void anOperatorExportsAndLaunchesButMayNotEditOrDelete() throws Exception {
		MockHttpSession operator = signIn(mvc, Tokens.OPERATOR);
		mvc.perform(get("/contacts").session(operator))
			.andExpect(content().string(containsString("href=\"/contacts/export?format=csv\"")))
			.andExpect(content().string(not(containsString("✏️"))));
		mvc.perform(get("/jobs/generate").session(operator))
			.andExpect(content().string(containsString("Launch a run")));
		mvc.perform(post("/contacts/" + contact + "/delete").session(operator).with(csrf()))
			.andExpect(status().isForbidden());
		mvc.perform(post("/merges/1/undo").session(operator).with(csrf())).andExpect(status().isForbidden());
		assertThat(store.count("contact")).isEqualTo(1);
	}

	@Test
	void anAdminFormWithoutTheCsrfTokenChangesNothing() throws Exception {
		MockHttpSession admin = signIn(mvc, Tokens.ADMIN);
		mvc.perform(post("/contacts/" + contact).param("name", "Changed").param("version", "0").session(admin))
			.andExpect(status().isForbidden());
		mvc.perform(post("/contacts/" + contact + "/delete").session(admin)).andExpect(status().isForbidden());
		assertThat(name()).isEqualTo("Olivia Bennett");
		assertThat(store.count("contact")).isEqualTo(1);
	}

	@Test
	void theTokenInThePagesMetaTagsIsWhatHtmxSendsAsAHeader() throws Exception {
		MockHttpSession admin = signIn(mvc, Tokens.ADMIN);
		String page = mvc.perform(get("/contacts").session(admin)).andReturn().getResponse().getContentAsString();
		String header = meta(page, "csrf-header");
		String token = meta(page, "csrf-token");
		assertThat(header).isEqualTo("X-CSRF-TOKEN");
		mvc.perform(post("/contacts/" + contact + "/delete").header(header, "wrong").session(admin))
			.andExpect(status().isForbidden());
		mvc.perform(post("/contacts/" + contact + "/delete").header(header, token).session(admin))
			.andExpect(redirectedUrl("/contacts"));
		assertThat(store.count("contact")).isZero();
	}

	@Test
	void theApiStillTakesOnlyBearerTokensNotTheDashboardSession() throws Exception {
		MockHttpSession admin = signIn(mvc, Tokens.ADMIN);
		mvc.perform(get("/api/v1/contacts").session(admin)).andExpect(status().isUnauthorized());
		mvc.perform(get("/api/v1/contacts").with(Tokens.VIEWER.bearer())).andExpect(status().isOk());
	}

	@Test
	void theApiDescriptionLeavesTheDashboardOut() throws Exception {
		mvc.perform(get("/v3/api-docs"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("\"/api/v1/contacts/export\"")))
			.andExpect(content().string(not(containsString("\"/contacts"))))
			.andExpect(content().string(not(containsString("\"/sign-in"))));
	}

	@Test
	void aBearerTokenDoesNotOpenTheDashboard() throws Exception {
		mvc.perform(get("/contacts").with(Tokens.ADMIN.bearer())).andExpect(redirectedUrl("/sign-in"));
	}

	@Test
	void pagesForbidFramingAndInlineScripts() throws Exception {
		mvc.perform(get("/sign-in"))
			.andExpect(header().string("Content-Security-Policy", containsString("script-src 'self'")))
			.andExpect(header().string("X-Frame-Options", "DENY"));
	}

	private static String meta(String page, String name) {
		Matcher meta = Pattern.compile("<meta name=\"" + name + "\" content=\"([^\"]+)\">")
			.matcher(page);
		assertThat(meta.find()).as("meta %s", name).isTrue();
		return meta.group(1);
	}

	private String name() {
		return store.jdbc().sql("select name from contact where id = :id").param("id", contact).query(String.class).single();
	}
}
