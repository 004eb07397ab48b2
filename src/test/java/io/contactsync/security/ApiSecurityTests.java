package io.contactsync.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.function.Function;
import java.util.stream.Stream;

import io.contactsync.support.ContactSyncTest;
import io.contactsync.support.StoreFixture;
import io.contactsync.support.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** Who may call what: every endpoint against no token, a wrong one and each role. */
@ContactSyncTest
@ExtendWith(OutputCaptureExtension.class)
class ApiSecurityTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	StoreFixture store;

	static final long NO_EXECUTION = 987_654_321L;

	static long contact;

	static long conversation;

	@BeforeEach
	void aContactWithAConversation() {
		store.clear();
		contact = store.contact().insert();
		conversation = store.conversation(contact, "closed", Instant.parse("2025-08-01T10:00:00Z"), "Hi");
	}

	enum Caller {
		NOBODY, WRONG_TOKEN, BASIC_AUTH, VIEWER, OPERATOR, ADMIN
	}

	record Endpoint(String name, Function<Long, MockHttpServletRequestBuilder> request, Caller least, int okStatus) {
		@Override
		public String toString() {
			return name;
		}
	}

	static Stream<Endpoint> endpoints() {
		return Stream.of(new Endpoint("GET contacts", id -> get("/api/v1/contacts"), Caller.VIEWER, 200),
				new Endpoint("GET contact", id -> get("/api/v1/contacts/" + contact), Caller.VIEWER, 200),
				new Endpoint("GET conversations", id -> get("/api/v1/contacts/" + contact + "/conversations"),
						Caller.VIEWER, 200),
				new Endpoint("GET messages", id -> get("/api/v1/conversations/" + conversation + "/messages"),
						Caller.VIEWER, 200),
				new Endpoint("PATCH contact",
						id -> patch("/api/v1/contacts/" + contact).contentType(MediaType.APPLICATION_JSON)
							.content("{\"notes\": \"x\", \"version\": 0}"),
						Caller.ADMIN, 200),
				new Endpoint("DELETE contact", id -> delete("/api/v1/contacts/" + contact), Caller.ADMIN, 204),
				new Endpoint("POST erasure", id -> post("/api/v1/contacts/" + contact + "/erasure"), Caller.ADMIN, 202),
				new Endpoint("GET erasure", id -> get("/api/v1/contacts/" + contact + "/erasure"), Caller.VIEWER, 404),
				new Endpoint("DELETE erasure", id -> delete("/api/v1/contacts/" + contact + "/erasure"), Caller.ADMIN,
						404),
				new Endpoint("GET subject export", id -> get("/api/v1/contacts/" + contact + "/subject-export"),
						Caller.ADMIN, 200),
				new Endpoint("PUT consent",
						id -> put("/api/v1/contacts/" + contact + "/consent").contentType(MediaType.APPLICATION_JSON)
							.content("{\"marketing\": \"given\"}"),
						Caller.ADMIN, 200),
				new Endpoint("GET jobs", id -> get("/api/v1/jobs"), Caller.VIEWER, 200),
				new Endpoint("GET job executions", id -> get("/api/v1/jobs/generate/executions"), Caller.VIEWER, 200),
				new Endpoint("GET execution", id -> get("/api/v1/executions/" + NO_EXECUTION), Caller.VIEWER, 404),
				// An unknown job is the one launch that passes security without running anything.
				new Endpoint("POST job execution", id -> post("/api/v1/jobs/no-such-job/executions"), Caller.OPERATOR,
						404),
				new Endpoint("POST stop", id -> post("/api/v1/executions/" + NO_EXECUTION + "/stop"), Caller.OPERATOR,
						404),
				new Endpoint("POST restart", id -> post("/api/v1/executions/" + NO_EXECUTION + "/restart"),
						Caller.OPERATOR, 404),
				new Endpoint("GET prometheus", id -> get("/actuator/prometheus"), Caller.VIEWER, 200));
	}

	static Stream<Arguments> everyEndpointAndCaller() {
		return endpoints().flatMap(endpoint -> Stream.of(Caller.values()).map(caller -> Arguments.of(endpoint, caller)));
	}

	@ParameterizedTest(name = "{0} as {1}")
	@MethodSource("everyEndpointAndCaller")
	void answersByRole(Endpoint endpoint, Caller caller) throws Exception {
		MockHttpServletRequestBuilder request = endpoint.request().apply(contact);
		switch (caller) {
			// From an address picked by the endpoint's name (a few share one): the sign-in throttle refuses an
			// address's sixth wrong token within a minute, and the test clock stands still.
			case WRONG_TOKEN -> request.header("Authorization", "Bearer not-a-token-of-this-service")
				.with(from("192.0.2." + Math.floorMod(endpoint.name().hashCode(), 256)));
			case BASIC_AUTH -> request.header("Authorization", "Basic YWRtaW46YWRtaW4=");
			case VIEWER -> request.with(Tokens.VIEWER.bearer());
			case OPERATOR -> request.with(Tokens.OPERATOR.bearer());
			case ADMIN -> request.with(Tokens.ADMIN.bearer());
			case NOBODY -> {
			}
		}
		int expected = switch (caller) {
			case NOBODY, WRONG_TOKEN, BASIC_AUTH -> 401;
			default -> caller.ordinal() >= endpoint.least().ordinal() ? endpoint.okStatus() : 403;
		};
		var result = mvc.perform(request).andExpect(status().is(expected));
		if (expected == 401) {
			result.andExpect(header().string("WWW-Authenticate", "Bearer"))
				.andExpect(header().string("Content-Type", "application/problem+json"))
				.andExpect(jsonPath("$.detail").value("Send a valid token as 'Authorization: Bearer <token>'."));
		}
		if (expected == 403) {
			result.andExpect(jsonPath("$.status").value(403));
		}
	}

	private static RequestPostProcessor from(String address) {
		return request -> {
			request.setRemoteAddr(address);
			return request;
		};
	}

	@Test
	void letsAnyoneAskForHealthAndTheApiDescription() throws Exception {
		mvc.perform(get("/actuator/health")).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("UP"));
		mvc.perform(get("/v3/api-docs"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.paths['/api/v1/contacts']").exists())
			.andExpect(jsonPath("$.paths['/api/v1/jobs/{name}/executions'].post.responses['202']").exists())
			.andExpect(jsonPath("$.paths['/api/v1/executions/{id}/restart'].post").exists())
			.andExpect(jsonPath("$.components.securitySchemes.bearer.scheme").value("bearer"));
		mvc.perform(get("/swagger-ui/index.html")).andExpect(status().isOk());
	}

	@Test
	void closesEndpointsNobodyOpenedToAllButAdmin() throws Exception {
		mvc.perform(delete("/api/v1/conversations/" + conversation).with(Tokens.OPERATOR.bearer()))
			.andExpect(status().isForbidden());
	}

	@Test
	void neverLogsATokenItWasSent(CapturedOutput output) throws Exception {
		mvc.perform(get("/api/v1/contacts").header("Authorization", "Bearer wrong-token-that-must-not-be-logged"));
		mvc.perform(get("/api/v1/contacts/abc").with(Tokens.ADMIN.bearer()));

		assertThat(output.getAll()).doesNotContain("wrong-token-that-must-not-be-logged")
			.doesNotContain("test-admin-token-0123456789");
	}
}
