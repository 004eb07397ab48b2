package io.contactsync.crm;

import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.contactsync.dedup.MergeService;
import io.contactsync.support.ApplicationTest;
import io.contactsync.support.CrmPushFixture;
import io.contactsync.support.Tokens;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * When the store merges two contacts that both have a record in a CRM, the push merges the records, the survivor's
 * staying: HubSpot contacts/merge, Salesforce merge(); Zoho, without a merge call, removes the merged-away record as
 * delete: says and updates the survivor's. A survivor without a record takes the other's over. Undoing the merge
 * creates the split contact's own record again; the CRM's merge stays, and the undo's answer says so.
 */
class CrmMergeTests extends ApplicationTest {

	private static final String HUBSPOT_MERGE = "/crm/v3/objects/contacts/merge";

	private static final String ZOHO_LEADS = "/crm/v8/Leads";

	private static final String CSV_HEADER = "ID,Name,Email,Phone,Channel,Created At\n";

	private static final HubSpotStub hubspot = new HubSpotStub();

	private static final SalesforceStub salesforce = new SalesforceStub();

	private static final ZohoStub zoho = new ZohoStub();

	@RegisterExtension
	static final CrmStubServer hubspotServer = new CrmStubServer(hubspot);

	@RegisterExtension
	static final CrmStubServer salesforceServer = new CrmStubServer(salesforce);

	@RegisterExtension
	static final CrmStubServer zohoServer = new CrmStubServer(zoho);

	@Autowired
	MergeService merges;

	@BeforeEach
	void stubsAndAnEmptyStore() {
		hubspotServer.hubspotCredentials();
		salesforceServer.salesforceCredentials();
		zohoServer.zohoCredentials();
		hubspotServer.answer(post(urlPathEqualTo("/crm/v3/objects/contacts/batch/upsert")),
				post(urlPathEqualTo("/crm/v3/objects/contacts/batch/update")), post(urlPathEqualTo(HUBSPOT_MERGE)));
		salesforceServer.answer(post(urlPathEqualTo("/services/oauth2/token")),
				post(urlPathEqualTo(SalesforceStub.SOAP_PATH)));
		zohoServer.answer(post(urlPathEqualTo("/oauth/v2/token")), post(urlPathEqualTo(ZOHO_LEADS + "/upsert")),
				com.github.tomakehurst.wiremock.client.WireMock.put(urlPathEqualTo(ZOHO_LEADS)),
				delete(urlPathEqualTo(ZOHO_LEADS)));
		hubspot.clear();
		salesforce.clear();
		zoho.clear();
		store.clear();
		history.clearHistory();
	}

	/**
	 * The pipeline end to end, two nights: the first captures a widget visitor with an email and a WhatsApp contact
	 * with only a phone, too unlike to merge, and pushes both to Salesforce; the second captures the WhatsApp
	 * contact's email, dedup merges the two, and the push merges their Leads.
	 */
	@Test
	void theNightlySyncMergesInSalesforceTheLeadsOfContactsDedupMerged() throws Exception {
		Path imports = Files.createDirectories(Path.of("target/test-imports/crm-merge"));
		Files.writeString(imports.resolve("contacts.csv"), CSV_HEADER
				+ "v-john-frame,Jonh Smith,John.Smith@Example.com,,frame,1.12.2026 09:00:00\n"
				+ "v-john-wa,Smith John,,+44 20 7946 0958,whatsapp,1.12.2026 10:00:00\n");
		JobExecution first = jobs.run("nightly-sync", Map.of("capture-import.input", imports.toString(),
				"crm-push.target", "salesforce"));
		assertThat(first.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(salesforce.records()).hasSize(2);

		Files.writeString(imports.resolve("contacts.csv"), CSV_HEADER
				+ "v-john-wa,Smith John,john.smith@example.com,+44 20 7946 0958,whatsapp,1.12.2026 10:00:00\n");
		JobExecution second = jobs.run("nightly-sync", Map.of("capture-import.input", imports.toString(),
				"crm-push.target", "salesforce"));

		assertThat(second.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		long survivor = store.jdbc().sql("select id from live_contact").query(Long.class).single();
		assertThat(salesforce.records()).containsOnlyKeys(Long.toString(survivor));
		assertThat(salesforce.records().get(Long.toString(survivor))).containsEntry("Email", "john.smith@example.com");
		assertThat(mergedInAudit(survivor)).hasSize(1);
	}

	@Test
	void hubSpotMergesTheMergedAwayRecordIntoTheSurvivors() {
		long survivor = store.contact().name("Ada Lovelace").email("ada@example.com").insert();
		long merged = store.contact().name("Ada King").email("ada.king@example.com").phone("+442079460958").insert();
		pushes.push("hubspot");
		String kept = pushes.crmId("hubspot", "ada@example.com");
		String gone = pushes.crmId("hubspot", "ada.king@example.com");
		merges.merge(survivor, merged, "admin", "same person");

		JobExecution run = pushes.push("hubspot");

		assertThat(CrmPushFixture.said(run, "mergeRecords")).contains("1 merged in the CRM, 0 failed, in 1 requests");
		hubspotServer.verify(1, postRequestedFor(urlPathEqualTo(HUBSPOT_MERGE))
			.withRequestBody(equalToJson("{\"primaryObjectId\":\"" + kept + "\",\"objectIdToMerge\":\"" + gone + "\"}")));
		assertThat(hubspot.records()).containsOnlyKeys("ada@example.com");
		assertThat(hubspot.records().get("ada@example.com")).containsEntry("hs_merged_object_ids", gone)
			.containsEntry("phone", "+442079460958");
		assertThat(link(merged, "hubspot")).isEqualTo("merged:" + gone);
		assertThat(link(survivor, "hubspot")).isEqualTo("synced:" + kept);
		assertThat(mergedInAudit(survivor)).singleElement().asString().contains("\"mergedCrmId\": \"" + gone + "\"")
			.contains("\"survivorCrmId\": \"" + kept + "\"").doesNotContain("ada");
		JobExecution next = pushes.push("hubspot");
		assertThat(CrmPushFixture.said(next, "mergeRecords")).isEmpty();
		hubspotServer.verify(1, postRequestedFor(urlPathEqualTo(HUBSPOT_MERGE)));
	}

	@Test
	void salesforceMergesTheLeadsKeepingTheSurvivorsAsMaster() {
		long survivor = store.contact().name("Grace Hopper").email("grace@example.com").insert();
		long merged = store.contact().name("Grace B. Hopper").email("grace.hopper@example.com").insert();
		pushes.push("salesforce");
		String master = salesforce.id(Long.toString(survivor));
		String victim = salesforce.id(Long.toString(merged));
		merges.merge(survivor, merged, "admin", "same person");

		JobExecution run = pushes.push("salesforce");

		assertThat(CrmPushFixture.said(run, "mergeRecords")).contains("1 merged in the CRM, 0 failed, in 1 requests");
		assertThat(salesforce.records()).containsOnlyKeys(Long.toString(survivor));
		assertThat(salesforce.masterOf(victim)).isEqualTo(master);
		assertThat(salesforce.recycleBin().holds(victim)).isTrue();
		assertThat(link(merged, "salesforce")).isEqualTo("merged:" + victim);
	}

	/** Zoho's API has no merge call: the merged-away Lead goes as delete: says (the shipped file: delete). */
	@Test
	void zohoRemovesTheMergedAwayRecordAndUpdatesTheSurvivors() {
		long survivor = store.contact().name("Alan Turing").email("alan@example.com").insert();
		long merged = store.contact().name("A. M. Turing").email("amt@example.com").phone("+442079460959").insert();
		pushes.push("zoho");
		String gone = zoho.id("amt@example.com");
		merges.merge(survivor, merged, "admin", "same person");

		JobExecution run = pushes.push("zoho");

		assertThat(CrmPushFixture.said(run, "mergeRecords")).contains("1 merged in the CRM, 0 failed, in 1 requests");
		assertThat(CrmPushFixture.said(run, "pushContacts")).contains("0 created, 1 updated");
		assertThat(zoho.records()).containsOnlyKeys("alan@example.com");
		assertThat(zoho.records().get("alan@example.com")).containsEntry("Phone", "+442079460959");
		assertThat(zoho.recycleBin().holds(gone)).isTrue();
	}

	/** Sales deleted the survivor's record in HubSpot: the merged-away record becomes the survivor's. */
	@Test
	void aSurvivorWhoseRecordSalesDeletedTakesOverTheOther() {
		hubspotServer.answer(post(urlPathEqualTo("/crm/v3/objects/contacts/batch/upsert")),
				post(urlPathEqualTo("/crm/v3/objects/contacts/batch/update")), post(urlPathEqualTo(HUBSPOT_MERGE)),
				com.github.tomakehurst.wiremock.client.WireMock.get(
						com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching("/crm/v3/objects/contacts/[0-9]+")));
		long survivor = store.contact().name("Ada Lovelace").email("ada@example.com").insert();
		long merged = store.contact().name("Ada King").email("ada.king@example.com").insert();
		pushes.push("hubspot");
		String kept = pushes.crmId("hubspot", "ada.king@example.com");
		hubspot.deleteInCrm("ada@example.com");
		merges.merge(survivor, merged, "admin", "same person");

		JobExecution run = pushes.push("hubspot");

		assertThat(CrmPushFixture.said(run, "mergeRecords")).contains("1 merged in the CRM, 0 failed, in 1 requests");
		assertThat(CrmPushFixture.said(run, "pushContacts")).contains("0 created, 1 updated");
		assertThat(link(survivor, "hubspot")).isEqualTo("synced:" + kept);
		assertThat(hubspot.records()).hasSize(1);
		assertThat(hubspot.records().values().iterator().next()).containsEntry("email", "ada@example.com");
	}

	/**
	 * In Salesforce, whose Leads are keyed by the contact's own id: the merge answers ENTITY_IS_DELETED, a retrieve()
	 * of the master tells it is the one gone, the push recreates the survivor's Lead, and the next run merges the
	 * other into it.
	 */
	@Test
	void aSurvivorWhoseLeadSalesDeletedGetsANewOneAndTheOtherMergesIntoIt() {
		long survivor = store.contact().name("Grace Hopper").email("grace@example.com").insert();
		long merged = store.contact().name("Grace B. Hopper").email("grace.hopper@example.com").insert();
		pushes.push("salesforce");
		String other = salesforce.id(Long.toString(merged));
		salesforce.deleteInCrm(Long.toString(survivor));
		merges.merge(survivor, merged, "admin", "same person");

		JobExecution run = pushes.push("salesforce");

		assertThat(CrmPushFixture.said(run, "mergeRecords")).contains("0 merged in the CRM, 0 failed, in 1 requests;"
				+ " 1 waiting for the survivor's record, which this push recreates");
		assertThat(CrmPushFixture.said(run, "pushContacts")).contains("1 created, 0 updated");
		assertThat(salesforce.records()).containsOnlyKeys(Long.toString(survivor), Long.toString(merged));

		JobExecution next = pushes.push("salesforce");

		assertThat(CrmPushFixture.said(next, "mergeRecords")).contains("1 merged in the CRM, 0 failed");
		assertThat(salesforce.records()).containsOnlyKeys(Long.toString(survivor));
		assertThat(salesforce.masterOf(other)).isEqualTo(salesforce.id(Long.toString(survivor)));
	}

	/** A survivor that never reached the CRM (it had no email) takes over the other's record: no second one. */
	@Test
	void aSurvivorWithoutARecordTakesOverTheMergedAwayOne() {
		long survivor = store.contact().name("Kurt Gödel").phone("+442079460960").insert();
		long merged = store.contact().name("Kurt Godel").email("kurt@example.com").insert();
		pushes.push("hubspot");
		String record = pushes.crmId("hubspot", "kurt@example.com");
		merges.merge(survivor, merged, "admin", "same person");

		JobExecution run = pushes.push("hubspot");

		assertThat(CrmPushFixture.said(run, "mergeRecords")).contains("1 merged in the CRM, 0 failed, in 0 requests");
		assertThat(CrmPushFixture.said(run, "pushContacts")).contains("0 created, 1 updated");
		assertThat(hubspot.records()).containsOnlyKeys("kurt@example.com");
		assertThat(hubspot.records().get("kurt@example.com")).containsEntry("phone", "+442079460960");
		assertThat(link(survivor, "hubspot")).isEqualTo("synced:" + record);
		assertThat(link(merged, "hubspot")).isEqualTo("merged:null");
	}

	/**
	 * Erasure after a merge in all three CRMs: the survivor's record is deleted for good, and the records the merge
	 * deleted into Salesforce's and Zoho's recycle bins are emptied from them.
	 */
	@Test
	void anErasureAfterTheMergeLeavesNothingInAnyCrmRecycleBinsIncluded() throws Exception {
		hubspotServer.answer(post(urlPathEqualTo("/crm/v3/objects/contacts/batch/upsert")),
				post(urlPathEqualTo("/crm/v3/objects/contacts/batch/update")), post(urlPathEqualTo(HUBSPOT_MERGE)),
				post(urlPathEqualTo("/crm/v3/objects/contacts/gdpr-delete")));
		zohoServer.answer(post(urlPathEqualTo("/oauth/v2/token")), post(urlPathEqualTo(ZOHO_LEADS + "/upsert")),
				com.github.tomakehurst.wiremock.client.WireMock.put(urlPathEqualTo(ZOHO_LEADS)),
				delete(urlPathEqualTo(ZOHO_LEADS)), delete(urlPathEqualTo("/crm/v8/settings/recycle_bin")));
		long survivor = store.contact().name("Hedy Lamarr").email("hedy@example.com").insert();
		long merged = store.contact().name("Hedwig Kiesler").email("hedwig@example.com").insert();
		jobs.run("crm-push", Map.of());
		merges.merge(survivor, merged, "admin", "same person");
		jobs.run("crm-push", Map.of());
		assertThat(salesforce.recycleBin().held()).hasSize(1);
		assertThat(zoho.recycleBin().held()).hasSize(1);

		mvc.perform(post("/api/v1/contacts/{id}/erasure", survivor).with(Tokens.ADMIN.bearer())
			.contentType("application/json").content("{\"grace_days\": 0}")).andExpect(status().isAccepted());
		JobExecution night = jobs.run("nightly-sync", Map.of());

		assertThat(night.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(hubspot.records()).isEmpty();
		assertThat(hubspot.statuses("hedy@example.com")).isEmpty();
		assertThat(salesforce.records()).isEmpty();
		assertThat(salesforce.recycleBin().held()).isEmpty();
		assertThat(zoho.records()).isEmpty();
		assertThat(zoho.recycleBin().held()).isEmpty();
	}

	@Test
	void undoingTheMergeCreatesTheSplitContactsOwnRecordAgain() throws Exception {
		long survivor = store.contact().name("Edsger Dijkstra").email("edsger@example.com").insert();
		long merged = store.contact().name("E. W. Dijkstra").email("ewd@example.com").insert();
		pushes.push("hubspot");
		long mergeId = merges.merge(survivor, merged, "admin", "same person");
		pushes.push("hubspot");
		assertThat(hubspot.records()).hasSize(1);

		mvc.perform(post("/api/v1/merges/{id}/undo", mergeId).with(Tokens.ADMIN.bearer()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.crm", Matchers.containsString("cannot be undone in the CRMs")));
		JobExecution run = pushes.push("hubspot");

		assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(CrmPushFixture.said(run, "pushContacts")).contains("1 created");
		assertThat(hubspot.records()).containsOnlyKeys("edsger@example.com", "ewd@example.com");
	}

	@Test
	void aDryRunOnlyWritesTheMerge() throws Exception {
		long survivor = store.contact().name("Barbara Liskov").email("barbara@example.com").insert();
		long merged = store.contact().name("B. Liskov").email("liskov@example.com").insert();
		pushes.push("hubspot");
		merges.merge(survivor, merged, "admin", "same person");
		// Run ids start again with each test's history: an earlier test's plan of the same id must not count.
		try (var plans = Files.newDirectoryStream(Path.of("target/test-reports"), "crm-push-*-plan.jsonl")) {
			for (Path plan : plans) {
				Files.delete(plan);
			}
		}

		JobExecution run = jobs.run("crm-push", Map.of("target", "hubspot", "dryRun", "true"));

		assertThat(CrmPushFixture.said(run, "mergeRecords")).contains("0 merged in the CRM, 0 failed, in 1 requests;"
				+ " dry run: 1 merges not made");
		assertThat(CrmPushFixture.said(run, "plan")).contains("hubspot plan: 0 to create, 0 to update, 1 unchanged,"
				+ " 0 refused, 0 to delete, 0 leaving scope, 1 to merge into the survivor's record");
		hubspotServer.verify(0, postRequestedFor(urlPathEqualTo(HUBSPOT_MERGE)));
		assertThat(hubspot.records()).hasSize(2);
		assertThat(link(merged, "hubspot")).startsWith("synced:");
	}

	private String link(long contactId, String target) {
		return store.jdbc().sql("select status || ':' || coalesce(crm_id, 'null') from crm_link"
				+ " where contact_id = :id and target = :target")
			.param("id", contactId).param("target", target).query(String.class).single();
	}

	private List<String> mergedInAudit(long survivor) {
		return store.jdbc().sql("select details::text from audit_event where action = 'crm.merged' and entity_id = :id")
			.param("id", survivor).query(String.class).list();
	}
}
