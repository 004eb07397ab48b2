package io.contactsync.crm;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.contactsync.support.ApplicationTest;
import io.contactsync.support.CrmPushFixture;
import io.contactsync.support.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

/**
 * What a HubSpot portal that sales work in every day sees of the push through the shipped mappings/hubspot.yml: the
 * mapping checked against the portal's properties first, each contact kept on the record it got, and what sales typed
 * left alone.
 */
class HubSpotSyncTests extends ApplicationTest {

	private static final String UPSERT = "/crm/v3/objects/contacts/batch/upsert";

	private static final String UPDATE = "/crm/v3/objects/contacts/batch/update";

	private static final HubSpotStub hubspot = new HubSpotStub();

	@RegisterExtension
	static final CrmStubServer server = new CrmStubServer(hubspot);

	@BeforeEach
	void credentialsAndAnEmptyStore() {
		server.hubspotCredentials();
		server.answer(WireMock.post(urlPathEqualTo(UPSERT)), WireMock.post(urlPathEqualTo(UPDATE)));
		hubspot.clear();
		store.clear();
		history.clearHistory();
	}

	@Test
	void aPortalWithoutACustomPropertyFailsTheCheckAndIsSentNothing() throws Exception {
		hubspot.schema().remove("contact_sync_channel");
		pushes.visitors(3);

		JobExecution run = pushes.push("hubspot");

		assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(CrmPushFixture.said(run, "checkSchemas")).contains("hubspot: nothing sent")
			.contains("mappings/hubspot.yml:" + lineOf("target: contact_sync_channel")
					+ ": HubSpot has no field contact_sync_channel on contacts (PROPERTY_DOESNT_EXIST)")
			.contains("create the property in HubSpot");
		server.verify(0, postRequestedFor(urlPathMatching("/crm/v3/objects/contacts/batch/.*")));
		assertThat(store.count("crm_link")).isZero();

		hubspot.schema().put(StubSchema.Field.text("contact_sync_channel"));
		assertThat(pushes.push("hubspot").getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(hubspot.records()).hasSize(3);
	}

	@Test
	void theOnlineValidationNamesTheLineAndTheMissingProperty() throws Exception {
		hubspot.schema().remove("contact_sync_created");
		String yaml = Files.readString(Path.of("mappings/hubspot.yml"));

		mvc.perform(post("/api/v1/mappings/validate?name=hubspot.yml&online=true").with(Tokens.OPERATOR.bearer())
			.contentType("application/yaml").content(yaml))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.detail").value("1 problem against HubSpot's live schema of contacts"))
			.andExpect(jsonPath("$.errors[0].line").value(lineOf("target: contact_sync_created")))
			.andExpect(jsonPath("$.errors[0].message").value(org.hamcrest.Matchers.startsWith(
					"HubSpot has no field contact_sync_created on contacts (PROPERTY_DOESNT_EXIST)")));

		hubspot.schema().reset();
		mvc.perform(post("/api/v1/mappings/validate?name=hubspot.yml&online=true").with(Tokens.OPERATOR.bearer())
			.contentType("application/yaml").content(yaml))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.online.checked").value(true))
			.andExpect(jsonPath("$.online.said").value("hubspot.yml: valid against HubSpot's live schema of "
					+ "contacts"));
	}

	@Test
	void anOptionThePortalLacksFailsTheCheckNamingTheOptionsItHas() throws Exception {
		hubspot.schema().put(StubSchema.Field.picklist("hs_lead_status", "enumeration", "NEW", "OPEN", "CONNECTED"));
		pushes.visitors(1);

		JobExecution run = pushes.push("hubspot");

		assertThat(CrmPushFixture.said(run, "checkSchemas"))
			.contains("mappings/hubspot.yml:" + lineOf("target: hs_lead_status")
					+ ": 'IN_PROGRESS' is not an option of hs_lead_status (INVALID_OPTION); its options are NEW, OPEN, "
					+ "CONNECTED");
		assertThat(hubspot.records()).isEmpty();
	}

	@Test
	void aChangedEmailUpdatesTheSameRecordByItsId() {
		pushes.visitors(3);
		pushes.push("hubspot");
		String id = hubspot.id("visitor1@example.com");
		store.jdbc().sql("update contact set email = 'new.address@example.com' where email = 'visitor1@example.com'")
			.update();

		JobExecution run = pushes.push("hubspot");

		assertThat(said(run)).contains("0 created, 1 updated, 2 unchanged, 0 failed, in 1 requests");
		server.verify(1, postRequestedFor(urlPathEqualTo(UPDATE))
			.withRequestBody(matchingJsonPath("$.inputs[0].id", equalTo(id)))
			.withRequestBody(matchingJsonPath("$.inputs[0].properties.email", equalTo("new.address@example.com"))));
		assertThat(hubspot.records()).hasSize(3).containsKey("new.address@example.com")
			.doesNotContainKey("visitor1@example.com");
		assertThat(hubspot.id("new.address@example.com")).isEqualTo(id);
		assertThat(pushes.crmId("hubspot", "new.address@example.com")).isEqualTo(id);
	}

	@Test
	void aSecondContactWithTheSameEmailIsReportedAndNotPushedOntoTheFirstOnesRecord() {
		long first = store.contact().name("Ann Lee").email("ann@example.com").insert();
		pushes.push("hubspot");
		long second = store.contact().name("Ann Other").email("ann@example.com").insert();

		JobExecution run = pushes.push("hubspot");

		assertThat(said(run)).contains("0 created, 0 updated, 1 unchanged, 1 failed");
		assertThat(hubspot.records().get("ann@example.com")).containsEntry("lastname", "Lee");
		assertThat(store.jdbc().sql("select last_error from crm_link where contact_id = :id").param("id", second)
			.query(String.class).single())
			.startsWith("SHARED_CRM_RECORD: shares the CRM record of contact " + first + " (same email)");
		assertThat(store.jdbc().sql("select status from duplicate_candidate").query(String.class).single())
			.isEqualTo("pending");
		// Kept back, not refused again every night while nothing changes.
		assertThat(said(pushes.push("hubspot"))).contains("0 created, 0 updated, 2 unchanged, 0 failed, in 0 requests");
		// A pair the review dismissed before it knew of the shared record goes before it again, with that evidence.
		store.jdbc().sql("update duplicate_candidate set status = 'dismissed', evidence = '{}'").update();
		store.jdbc().sql("update contact set name = 'Ann Other-Lee' where id = :id").param("id", second).update();
		pushes.push("hubspot");
		assertThat(store.jdbc().sql("""
				select status || ' ' || (evidence ->> 'crm_record') from duplicate_candidate
				where contact_a = :a and contact_b = :b""").param("a", first).param("b", second)
			.query(String.class).single()).isEqualTo("pending hubspot");
		// Dismissed again with that evidence before them, the reviewers' word stands.
		store.jdbc().sql("update duplicate_candidate set status = 'dismissed'").update();
		store.jdbc().sql("update contact set name = 'Ann O. Lee' where id = :id").param("id", second).update();
		pushes.push("hubspot");
		assertThat(store.jdbc().sql("select status from duplicate_candidate").query(String.class).single())
			.isEqualTo("dismissed");
	}

	@Test
	void twoContactsThatReachedOneRecordAtOnceKeepItForOneAndDeletingTheOtherLeavesIt() {
		long first = store.contact().name("Cy Lee").email("cy@example.com").insert();
		pushes.push("hubspot");
		String record = hubspot.id("cy@example.com");
		// As when two ranges of one push sent both before either could see the other's link.
		long second = store.contact().name("Cy Other").email("cy@example.com").insert();
		store.jdbc().sql("""
				insert into crm_link (contact_id, target, crm_id, payload_hash, pushed_at, status, match_key)
				select :second, target, crm_id, payload_hash, now(), 'synced', match_key from crm_link
				where contact_id = :first""").param("first", first).param("second", second).update();

		pushes.push("hubspot");

		assertThat(store.jdbc().sql("select status || ' ' || coalesce(crm_id, '-') from crm_link where contact_id = :id")
			.param("id", second).query(String.class).single()).isEqualTo("shared -");
		assertThat(store.jdbc().sql("select count(*) from duplicate_candidate where contact_a = :a and contact_b = :b")
			.param("a", first).param("b", second).query(Long.class).single()).isOne();

		store.jdbc().sql("update crm_link set status = 'synced', crm_id = :record where contact_id = :id")
			.param("record", record).param("id", second).update();
		store.jdbc().sql("delete from contact where id = :id").param("id", second).update();
		JobExecution run = pushes.push("hubspot");

		assertThat(CrmPushFixture.said(run, "deleteRemoved")).startsWith("0 erased and 0 deleted in the CRM, 0 failed, in 0 requests");
		assertThat(hubspot.records()).containsKey("cy@example.com");
	}

	@Test
	void leavesTheLifecycleStageToSalesAndClearsAPhoneTheStoreNoLongerHas() {
		long id = store.contact().name("Bo Chen").email("bo@example.com").phone("+44 20 7946 0958").insert();
		pushes.push("hubspot");
		assertThat(hubspot.records().get("bo@example.com")).containsEntry("lifecyclestage", "lead")
			.containsEntry("phone", "+442079460958");
		hubspot.editInCrm("bo@example.com", "lifecyclestage", "opportunity");
		store.jdbc().sql("update contact set phone = null, phone_e164 = null, name = 'Bo Chen-Park' where id = :id")
			.param("id", id).update();

		JobExecution run = pushes.push("hubspot");

		assertThat(said(run)).contains("0 created, 1 updated");
		server.verify(1, postRequestedFor(urlPathEqualTo(UPDATE))
			.withRequestBody(matchingJsonPath("$.inputs[0].properties.phone", equalTo("")))
			.withRequestBody(matchingJsonPath("$.inputs[0].properties.lastname", equalTo("Chen-Park")))
			.withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.notContaining("lifecyclestage")));
		assertThat(hubspot.records().get("bo@example.com")).containsEntry("lifecyclestage", "opportunity")
			.doesNotContainKey("phone");
	}

	@Test
	void aRecordDeletedInHubSpotIsCreatedAgainAndTheLinkFollowsIt() {
		pushes.visitors(2);
		pushes.push("hubspot");
		String old = hubspot.id("visitor0@example.com");
		hubspot.deleteInCrm("visitor0@example.com");
		store.jdbc().sql("update contact set name = 'Visitor Zero' where email = 'visitor0@example.com'").update();

		JobExecution run = pushes.push("hubspot");

		assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(said(run)).contains("1 created, 0 updated, 1 unchanged, 0 failed");
		assertThat(hubspot.records()).hasSize(2);
		String recreated = hubspot.id("visitor0@example.com");
		assertThat(recreated).isNotEqualTo(old);
		assertThat(pushes.crmId("hubspot", "visitor0@example.com")).isEqualTo(recreated);
	}

	@Test
	void aDryRunPlansEachContactWithTheFieldsAnUpdateWouldChange() throws Exception {
		long renamed = store.contact().name("Cy Young").email("cy@example.com").insert();
		long archived = store.contact().name("Di Ross").email("di@example.com").insert();
		long deleted = store.contact().name("Ed Wood").email("ed@example.com").insert();
		store.contact().name("Flo Jo").email("flo@example.com").insert();
		pushes.push("hubspot");
		store.jdbc().sql("update contact set name = 'Cy Younger' where id = :id").param("id", renamed).update();
		store.jdbc().sql("update contact set archived_at = now(), lead_status = 'archived' where id = :id")
			.param("id", archived).update();
		store.jdbc().sql("delete from contact where id = :id").param("id", deleted).update();
		long created = store.contact().name("Gil Scott").email("gil@example.com").insert();
		server.resetRequests();
		// Run ids start again with each test's fresh job history: an earlier test run's plan of this id goes.
		try (var old = Files.newDirectoryStream(Path.of("target/test-reports"), "crm-push-*-plan.jsonl")) {
			for (Path file : old) {
				Files.delete(file);
			}
		}

		JobExecution run = jobs.run("crm-push", java.util.Map.of("target", "hubspot", "dryRun", "true"));

		String said = CrmPushFixture.said(run, "plan");
		// Archived, the contact leaves the scope; onLeaveScope: update still sends its new lead status.
		assertThat(said).contains("hubspot plan: 1 to create, 2 to update, 1 unchanged, 0 refused, 1 to delete, "
				+ "0 leaving scope");
		Path planFile = Path.of(said.replaceAll("(?s).*with the fields each update changes, in ", "").trim());
		List<String> plan = Files.readAllLines(planFile);
		assertThat(plan).anySatisfy(line -> assertThat(line).contains("\"contact_id\":" + renamed)
			.contains("\"action\":\"update\"")
			.contains("\"changes\":{\"lastname\":{\"from\":\"Young\",\"to\":\"Younger\"}}"));
		assertThat(plan).anySatisfy(line -> assertThat(line).contains("\"contact_id\":" + created)
			.contains("\"action\":\"create\""));
		assertThat(plan).anySatisfy(line -> assertThat(line).contains("\"contact_id\":" + deleted)
			.contains("\"action\":\"delete\""));
		assertThat(plan).anySatisfy(line -> assertThat(line).contains("\"contact_id\":" + archived)
			.contains("\"action\":\"update\"").contains("\"hs_lead_status\":{\"from\":"));
		server.verify(0, postRequestedFor(urlPathMatching("/crm/v3/objects/contacts/.*")));
		assertThat(store.jdbc().sql("select count(*) from crm_link where contact_id = :id").param("id", created)
			.query(Long.class).single()).isZero();
	}

	private static int lineOf(String text) throws IOException {
		List<String> lines = Files.readAllLines(Path.of("mappings/hubspot.yml"));
		for (int i = 0; i < lines.size(); i++) {
			if (lines.get(i).contains(text)) {
				return i + 1;
			}
		}
		throw new AssertionError(text + " is not in mappings/hubspot.yml");
	}

	private static String said(JobExecution run) {
		return CrmPushFixture.said(run, "pushContacts");
	}
}
