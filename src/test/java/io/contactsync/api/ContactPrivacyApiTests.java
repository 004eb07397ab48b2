package io.contactsync.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.contactsync.dedup.MergeService;
import io.contactsync.support.ApplicationTest;
import io.contactsync.support.TestClock;
import io.contactsync.support.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.JsonNode;

/** Subject access and marketing consent: through the API, from captures, and as a filter of lists and exports. */
class ContactPrivacyApiTests extends ApplicationTest {

	@Autowired
	MergeService merges;

	@BeforeEach
	void emptyStore() {
		store.clear();
		history.clearHistory();
	}

	@Test
	void theSubjectExportHoldsEverythingAboutThePersonAndIsAudited() throws Exception {
		long jane = store.contact().name("Jane Doe").email("jane@example.com").phone("+44 20 7946 0958").insert();
		store.identity(jane, "telegram", "5550001");
		store.conversation(jane, "closed", TestClock.NOW.minus(Duration.ofDays(2)), "How much is Pro?", "19 euros a month.");
		long old = store.contact().name("J. Doe").email("jdoe@example.com").insert();
		store.identity(old, "whatsapp", "447700900123");
		merges.merge(jane, old, "admin", "same person");
		store.jdbc().sql("insert into crm_link (contact_id, target, crm_id, status) values (:id, 'hubspot', '901', 'synced')")
			.param("id", jane).update();

		String body = mvc.perform(get("/api/v1/contacts/" + jane + "/subject-export").with(Tokens.ADMIN.bearer()))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Disposition", containsString("contact-" + jane + "-subject-export.json")))
			.andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);

		JsonNode document = json.readTree(body);
		assertThat(document.at("/contact/name").asString()).isEqualTo("Jane Doe");
		assertThat(document.at("/contact/phone_e164").asString()).isEqualTo("+442079460958");
		assertThat(document.at("/mergedContacts/0/email").asString()).isEqualTo("jdoe@example.com");
		assertThat(document.get("identities").findValuesAsString("external_id")).containsExactlyInAnyOrder("5550001",
				"447700900123");
		assertThat(document.at("/conversations/0/messages").findValuesAsString("text"))
			.containsExactly("How much is Pro?", "19 euros a month.");
		assertThat(document.at("/crmLinks/0/crm_id").asString()).isEqualTo("901");
		assertThat(document.at("/merges/0/snapshot").isObject()).isTrue();
		assertThat(document.get("auditTrail").findValuesAsString("action")).contains("merge", "contact.subject_exported");
		assertThat(document.at("/contact").has("search_text")).isFalse();

		mvc.perform(get("/api/v1/contacts/" + jane + "/subject-export").with(Tokens.OPERATOR.bearer()))
			.andExpect(status().isForbidden());
		mvc.perform(get("/api/v1/contacts/" + old + "/subject-export").with(Tokens.ADMIN.bearer()))
			.andExpect(status().isNotFound()).andExpect(jsonPath("$.merged_into").value(jane));
	}

	@Test
	void consentIsGivenAndWithdrawnWithTimeAndSourceByAdminsOnly() throws Exception {
		long id = store.contact().insert();

		consent(id, "{\"marketing\": \"given\", \"source\": \"newsletter form\"}").andExpect(status().isOk())
			.andExpect(jsonPath("$.marketing_consent").value(true))
			.andExpect(jsonPath("$.consent_at").value(TestClock.NOW.toString()))
			.andExpect(jsonPath("$.consent_source").value("newsletter form"));
		consent(id, "{\"marketing\": \"opted_out\"}").andExpect(status().isOk())
			.andExpect(jsonPath("$.marketing_consent").value(false))
			.andExpect(jsonPath("$.opted_out_at").value(TestClock.NOW.toString()))
			.andExpect(jsonPath("$.opt_out_source").value("api"))
			.andExpect(jsonPath("$.consent_source").value("newsletter form"));

		consent(id, "{\"marketing\": \"maybe\"}").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value(containsString("\"given\" or \"opted_out\"")));
		mvc.perform(put("/api/v1/contacts/" + id + "/consent").with(Tokens.OPERATOR.bearer())
			.contentType(MediaType.APPLICATION_JSON).content("{\"marketing\": \"given\"}")).andExpect(status().isForbidden());
		assertThat(store.jdbc().sql("select action from audit_event order by id").query(String.class).list())
			.containsExactly("contact.consent_given", "contact.opted_out");
	}

	@Test
	void capturesRecordTheVisitorsLastWordOnMarketingUnlessALaterOneIsOnRecord() throws Exception {
		capture(event("consent_given", "v-1", "2025-08-20T10:00:00Z"), event("opted_out", "v-1", "2025-08-20T11:00:00Z"),
				event("consent_given", "v-2", "2025-08-20T10:00:00Z"));
		jobs.run("capture-import", Map.of());

		assertThat(consentOf("v-1")).isEqualTo("false capture: frame 2025-08-20 11:00:00+00");
		assertThat(consentOf("v-2")).isEqualTo("true capture: frame 2025-08-20 10:00:00+00");

		capture(event("consent_given", "v-1", "2025-08-19T09:00:00Z"));
		jobs.run("capture-import", Map.of());
		assertThat(consentOf("v-1")).as("an older answer changes nothing").startsWith("false");
	}

	@Test
	void listsAndExportsFilterByConsentSoThatOptedOutContactsStayOutOfMarketing() throws Exception {
		long given = store.contact().name("Given").insert();
		long optedOut = store.contact().name("Opted out").insert();
		long unknown = store.contact().name("Unknown").insert();
		consent(given, "{\"marketing\": \"given\"}");
		consent(optedOut, "{\"marketing\": \"opted_out\"}");

		mvc.perform(get("/api/v1/contacts?consent=given").with(Tokens.VIEWER.bearer()))
			.andExpect(jsonPath("$.contacts[*].id").value(org.hamcrest.Matchers.contains((int) given)));
		MvcResult started = mvc.perform(get("/api/v1/contacts/export?format=jsonl&consent=given,unknown&order=asc")
			.with(Tokens.OPERATOR.bearer())).andExpect(request().asyncStarted()).andReturn();
		String export = mvc.perform(asyncDispatch(started)).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(export.lines().map(line -> json.readTree(line).get("id").asLong()).toList())
			.containsExactly(given, unknown);
		mvc.perform(get("/api/v1/contacts?consent=yes").with(Tokens.VIEWER.bearer()))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.detail").value(containsString("opted_out")));
	}

	private ResultActions consent(long id, String body) throws Exception {
		return mvc.perform(put("/api/v1/contacts/" + id + "/consent").with(Tokens.ADMIN.bearer())
			.contentType(MediaType.APPLICATION_JSON).content(body));
	}

	private void capture(String... events) throws Exception {
		mvc.perform(post("/api/v1/captures?channel=frame").with(Tokens.OPERATOR.bearer())
			.contentType(MediaType.APPLICATION_JSON).content("[" + String.join(",", List.of(events)) + "]"))
			.andExpect(status().isAccepted());
	}

	private static String event(String type, String visitor, String at) {
		return "{\"type\":\"" + type + "\",\"channel\":\"frame\",\"visitor\":\"" + visitor + "\",\"at\":\"" + at + "\"}";
	}

	private String consentOf(String visitor) {
		return store.jdbc().sql("""
				select c.marketing_consent || ' ' || coalesce(c.opt_out_source, c.consent_source) || ' '
				       || coalesce(c.opted_out_at, c.consent_at) at time zone 'UTC' || '+00'
				from contact c join contact_identity i on i.contact_id = c.id where i.external_id = :visitor""")
			.param("visitor", visitor).query(String.class).single();
	}
}
