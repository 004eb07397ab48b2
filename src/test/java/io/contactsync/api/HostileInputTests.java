package io.contactsync.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import java.net.URI;
import java.util.List;
import java.util.Map;

import io.contactsync.support.ApplicationTest;
import io.contactsync.support.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.RequestBuilder;

/**
 * A hostile client's corpus over every endpoint's parameters and bodies: NUL, bytes that are not UTF-8, halves of
 * surrogate pairs, numbers and dates beyond any range. Each is a 4xx that names the field, never a 5xx, and
 * nothing it sent is stored.
 */
class HostileInputTests extends ApplicationTest {

	/** Raw, percent-encoded as they go on the wire. */
	private static final List<String> BAD_QUERY_VALUES = List.of("%00", "a%00b", "%FF%FE", "%ED%A0%80", "%C0%AF");

	/** As JSON string escapes. */
	private static final List<String> BAD_JSON_TEXT = List.of("\\u0000", "Jane\\u0000Roe", "\\ud800", "x\\udc00y");

	private static final List<String> HUGE_NUMBERS = List.of("99999999999999999999", "2147483648", "-2147483649",
			"1e400");

	private static final List<String> FAR_DAYS = List.of("+999999999-12-31", "-999999999-01-01", "10000-01-01",
			"0000-01-01");

	long contact;

	@BeforeEach
	void oneContact() {
		store.clear();
		contact = store.contact().name("Jane Roe").email("jane@example.com").insert();
	}

	@Test
	void badQueryTextIsA400NamingTheParameter() throws Exception {
		for (String path : List.of("/api/v1/contacts", "/api/v1/analytics", "/api/v1/duplicates",
				"/api/v1/contacts/export")) {
			for (String value : BAD_QUERY_VALUES) {
				MockHttpServletResponse answer = send(get(URI.create(path + "?format=csv&q=" + value))
					.with(Tokens.ADMIN.bearer()));
				assertThat(answer.getStatus()).as(path + " q=" + value).isEqualTo(400);
				assertThat(detail(answer)).as(path + " q=" + value).contains("q ");
			}
		}
	}

	@Test
	void daysAndNumbersBeyondAnyRangeAreA400() throws Exception {
		for (String day : FAR_DAYS) {
			for (String path : List.of("/api/v1/contacts", "/api/v1/analytics", "/api/v1/contacts/export?format=csv&")) {
				for (String name : List.of("from", "to")) {
					String uri = path + (path.endsWith("&") ? "" : "?") + name + "=" + day.replace("+", "%2B");
					MockHttpServletResponse answer = send(get(URI.create(uri)).with(Tokens.ADMIN.bearer()));
					assertThat(answer.getStatus()).as(uri).isEqualTo(400);
					assertThat(detail(answer)).as(uri).contains(name);
				}
			}
		}
		for (String number : HUGE_NUMBERS) {
			for (String name : List.of("page", "size")) {
				MockHttpServletResponse answer = send(get(URI.create("/api/v1/contacts?" + name + "=" + number))
					.with(Tokens.VIEWER.bearer()));
				assertThat(answer.getStatus()).as(name + "=" + number).isEqualTo(400);
			}
			assertThat(send(patchContact("{\"name\": \"Ann\", \"version\": " + number + "}")).getStatus())
				.as("version " + number).isEqualTo(400);
			assertThat(send(post("/api/v1/contacts/" + contact + "/erasure").with(Tokens.ADMIN.bearer())
				.contentType(MediaType.APPLICATION_JSON).content("{\"grace_days\": " + number + "}")).getStatus())
				.as("grace_days " + number).isEqualTo(400);
		}
		assertThat(store.jdbc().sql("select count(*) from contact where erasure_due_at is not null").query(Long.class)
			.single()).isZero();
	}

	@Test
	void badTextInAnyBodyFieldIsA400NamingItAndNothingIsStored() throws Exception {
		for (String text : BAD_JSON_TEXT) {
			for (String field : List.of("name", "email", "phone", "notes")) {
				MockHttpServletResponse answer = send(patchContact("{\"" + field + "\": \"" + text + "\", \"version\": 1}"));
				assertThat(answer.getStatus()).as(field + " " + text).isEqualTo(400);
				assertThat(detail(answer)).as(field + " " + text).startsWith(field + " ");
			}
			MockHttpServletResponse tags = send(patchContact("{\"tags\": [\"vip\", \"" + text + "\"], \"version\": 1}"));
			assertThat(detail(tags)).startsWith("tags[1] ");
			MockHttpServletResponse consent = send(put("/api/v1/contacts/" + contact + "/consent")
				.with(Tokens.ADMIN.bearer()).contentType(MediaType.APPLICATION_JSON)
				.content("{\"marketing\": \"given\", \"source\": \"" + text + "\"}"));
			assertThat(consent.getStatus()).isEqualTo(400);
			assertThat(detail(consent)).startsWith("source ");
			MockHttpServletResponse launch = send(post("/api/v1/jobs/export/executions").with(Tokens.OPERATOR.bearer())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"format\": \"csv\", \"output\": \"x.csv\", \"q\": \"" + text + "\"}"));
			assertThat(launch.getStatus()).isEqualTo(400);
			assertThat(detail(launch)).startsWith("q ");
		}
		Map<String, Object> stored = store.jdbc().sql("select name, email, phone, notes, version from contact")
			.query().singleRow();
		assertThat(stored).containsEntry("name", "Jane Roe").containsEntry("email", "jane@example.com")
			.containsEntry("version", 0);
		assertThat(store.count("audit_event")).isZero();
	}

	@Test
	void theDashboardsFormsAndFiltersRefuseBadTextAlike() throws Exception {
		MockHttpSession admin = (MockHttpSession) mvc.perform(post("/sign-in").param("token", Tokens.ADMIN.value())
				.with(csrf())).andReturn().getRequest().getSession(false);
		for (String value : BAD_QUERY_VALUES) {
			assertThat(send(get(URI.create("/contacts?q=" + value)).session(admin)).getStatus()).as(value)
				.isEqualTo(400);
		}
		for (String text : List.of("Jane\u0000Roe", "\uD800")) {
			MockHttpServletResponse edit = send(post("/contacts/" + contact).session(admin).with(csrf())
				.param("name", text).param("email", "").param("phone", "").param("notes", "").param("tags", "")
				.param("version", "1"));
			assertThat(edit.getStatus()).isEqualTo(400);
			assertThat(edit.getContentAsString()).contains("name holds");
		}
		assertThat(send(post("/contacts/" + contact).session(admin).with(csrf()).param("name", "Ann")
			.param("version", "99999999999")).getStatus()).isBetween(400, 499);
		assertThat(store.jdbc().sql("select name from contact").query(String.class).single()).isEqualTo("Jane Roe");
	}

	private RequestBuilder patchContact(String body) {
		return patch("/api/v1/contacts/" + contact).with(Tokens.ADMIN.bearer())
			.contentType(MediaType.APPLICATION_JSON)
			.content(body);
	}

	private MockHttpServletResponse send(RequestBuilder request) throws Exception {
		MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
		assertThat(response.getStatus()).as("never a server error").isLessThan(500);
		return response;
	}

	private String detail(MockHttpServletResponse response) throws Exception {
		return json.readTree(response.getContentAsString()).path("detail").asString();
	}
}
