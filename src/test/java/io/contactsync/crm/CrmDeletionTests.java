package io.contactsync.crm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingXPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import io.contactsync.retention.ErasureService;
import io.contactsync.support.ApplicationTest;
import io.contactsync.support.CrmPushFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * crm-push's deleteRemoved step through the shipped mappings. A contact erased is deleted for good in each CRM it
 * reached (HubSpot GDPR delete, Salesforce delete() and emptyRecycleBin() with the Contact a converted Lead became,
 * Zoho DELETE and its recycle bin), with the contacts merged into it, and audited per record; a contact removed
 * otherwise goes as the mapping's delete: says (restorably, or kept). Links are closed and never sent again; a dry
 * run only writes the requests.
 */
class CrmDeletionTests extends ApplicationTest {

	private static final String GDPR_DELETE = "/crm/v3/objects/contacts/gdpr-delete";

	private static final String ARCHIVE = "/crm/v3/objects/contacts/batch/archive";

	private static final String ZOHO_LEADS = "/crm/v8/Leads";

	private static final String ZOHO_BIN = "/crm/v8/settings/recycle_bin";

	private static final HubSpotStub hubspot = new HubSpotStub();

	private static final ZohoStub zoho = new ZohoStub();

	private static final SalesforceStub salesforce = new SalesforceStub();

	@RegisterExtension
	static final CrmStubServer hubspotServer = new CrmStubServer(hubspot);

	@RegisterExtension
	static final CrmStubServer zohoServer = new CrmStubServer(zoho);

	@RegisterExtension
	static final CrmStubServer salesforceServer = new CrmStubServer(salesforce);

	@Autowired
	CrmMappings mappings;

	@Autowired
	Map<CrmTarget, CrmConnector> connectors;

	@Autowired
	CrmSenders senders;

	@Autowired
	RemovedLinks removedLinks;

	@Autowired
	ErasureService erasures;

	@BeforeEach
	void credentialsAndAnEmptyStore() {
		hubspotServer.hubspotCredentials();
		zohoServer.zohoCredentials();
		salesforceServer.salesforceCredentials();
		hubspotStubs();
		zohoServer.answer(post(urlPathEqualTo("/oauth/v2/token")), post(urlPathEqualTo(ZOHO_LEADS + "/upsert")),
				delete(urlPathEqualTo(ZOHO_LEADS)), delete(urlPathEqualTo(ZOHO_BIN)));
		salesforceServer.answer(post(urlPathEqualTo("/services/oauth2/token")),
				post(urlPathEqualTo(SalesforceStub.SOAP_PATH)));
		hubspot.clear();
		zoho.clear();
		salesforce.clear();
		store.clear();
		history.clearHistory();
	}

	/**
	 * The pipeline end to end: the night's retention step purges the erasure, its crm-push step GDPR-deletes the
	 * person's record and that of the contact merged into them, and the audit names each record without the person.
	 */
	@Test
	void theNightlySyncErasesFromHubSpotAContactWhoseErasureBecameDueWithTheContactsMergedIntoIt() {
		contacts(3);
		push("hubspot");
		String erased = crmId("hubspot", "visitor1@example.com");
		String merged = crmId("hubspot", "visitor2@example.com");
		long id = contactId("visitor1@example.com");
		store.jdbc().sql("update contact set merged_into = :id where email = 'visitor2@example.com'").param("id", id)
			.update();
		erasures.request(id, 0, "admin");

		JobExecution night = jobs.run("nightly-sync", Map.of("crm-push.target", "hubspot"));

		assertThat(night.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		hubspotServer.verify(1, postRequestedFor(urlPathEqualTo(GDPR_DELETE))
			.withRequestBody(equalToJson("{\"objectId\":\"" + erased + "\"}")));
		hubspotServer.verify(1, postRequestedFor(urlPathEqualTo(GDPR_DELETE))
			.withRequestBody(equalToJson("{\"objectId\":\"" + merged + "\"}")));
		hubspotServer.verify(0, postRequestedFor(urlPathEqualTo(ARCHIVE)));
		assertThat(hubspot.records()).containsOnlyKeys("visitor0@example.com");
		assertThat(link("hubspot", erased)).isEqualTo("deleted");
		assertThat(link("hubspot", merged)).isEqualTo("deleted");
		assertThat(store.jdbc().sql("""
				select exit_message from batch_step_execution where step_name = 'deleteRemoved'
				order by step_execution_id desc limit 1""").query(String.class).single())
			.contains("2 erased and 0 deleted in the CRM, 0 failed, in 2 requests");
		assertThat(erasedInAudit()).containsExactlyInAnyOrder(
				"{\"crm\": \"hubspot\", \"crmId\": \"" + erased + "\", \"object\": \"contacts\", \"target\": \"hubspot\"}",
				"{\"crm\": \"hubspot\", \"crmId\": \"" + merged + "\", \"object\": \"contacts\", \"target\": \"hubspot\"}");
	}

	/** A contact deleted other than by erasure (here by hand, as an admin's delete) is archived: restorable. */
	@Test
	void archivesInHubSpotWhatWasDeletedFromTheStoreOnce() {
		contacts(3);
		push("hubspot");
		String first = crmId("hubspot", "visitor1@example.com");
		String second = crmId("hubspot", "visitor2@example.com");
		deleteFromStore("visitor1@example.com");
		deleteFromStore("visitor2@example.com");

		JobExecution run = push("hubspot");

		hubspotServer.verify(1, postRequestedFor(urlPathEqualTo(ARCHIVE))
			.withHeader("Authorization", equalTo("Bearer pat-na1-test-token"))
			.withHeader("Content-Type", containing("application/json"))
			.withRequestBody(equalToJson("{\"inputs\":[{\"id\":\"" + first + "\"},{\"id\":\"" + second + "\"}]}")));
		hubspotServer.verify(0, postRequestedFor(urlPathEqualTo(GDPR_DELETE)));
		assertThat(hubspot.records()).containsOnlyKeys("visitor0@example.com");
		assertThat(link("hubspot", first)).isEqualTo("deleted");
		assertThat(link("hubspot", second)).isEqualTo("deleted");
		assertThat(deleted(run)).isEqualTo("0 erased and 2 deleted in the CRM, 0 failed, in 1 requests");
		assertThat(erasedInAudit()).isEmpty();

		assertThat(deleted(push("hubspot"))).contains("0 erased and 0 deleted in the CRM, 0 failed, in 0 requests");
		hubspotServer.verify(1, postRequestedFor(urlPathEqualTo(ARCHIVE)));
	}

	/**
	 * delete: keep leaves the record of a contact removed from the store in the CRM and asks nothing; an erased
	 * contact's record is deleted for good all the same. The shared test context reads the shipped mappings: the
	 * step's tasklet runs here on a copy of hubspot.yml that says keep.
	 */
	@Test
	void keepLeavesARemovedContactsRecordButNeverAnErasedOne() throws Exception {
		contacts(3);
		push("hubspot");
		String kept = crmId("hubspot", "visitor1@example.com");
		String erased = crmId("hubspot", "visitor2@example.com");
		deleteFromStore("visitor1@example.com");
		deleteFromStore("visitor2@example.com");
		// What the purge of an erasure leaves on the link (the nightly test above goes through the purge itself).
		store.jdbc().sql("update crm_link set erase = true where crm_id = :id").param("id", erased).update();

		String said = deleteRemoved(DeleteRemovedRun.with(mappings.byName("hubspot").orElseThrow(), "keep",
				CrmMapping.Options.UPDATE));

		hubspotServer.verify(0, postRequestedFor(urlPathEqualTo(ARCHIVE)));
		hubspotServer.verify(1, postRequestedFor(urlPathEqualTo(GDPR_DELETE))
			.withRequestBody(equalToJson("{\"objectId\":\"" + erased + "\"}")));
		assertThat(hubspot.records()).containsOnlyKeys("visitor0@example.com", "visitor1@example.com");
		assertThat(link("hubspot", kept)).isEqualTo("released");
		assertThat(link("hubspot", erased)).isEqualTo("deleted");
		assertThat(said).isEqualTo("1 erased and 0 deleted in the CRM, 0 failed, in 1 requests; 1 left in the CRM"
				+ " (delete: keep)");
		assertThat(deleted(push("hubspot"))).isEqualTo("0 erased and 0 deleted in the CRM, 0 failed, in 0 requests");
	}

	@Test
	void keepsARefusedDeleteAsFailedAndTriesItAgainNextRun() {
		contacts(2);
		push("hubspot");
		String crmId = crmId("hubspot", "visitor1@example.com");
		deleteFromStore("visitor1@example.com");
		hubspotServer.stubFor(post(urlPathEqualTo(ARCHIVE)).atPriority(1)
			.willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
				.withBody("{\"status\":\"error\",\"message\":\"Invalid input\",\"category\":\"VALIDATION_ERROR\"}")));

		JobExecution refused = push("hubspot");

		assertThat(refused.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(deleted(refused)).contains("0 erased and 0 deleted in the CRM, 1 failed, in 1 requests");
		assertThat(store.jdbc().sql("select status || ' ' || last_error from crm_link where crm_id = :crmId")
			.param("crmId", crmId).query(String.class).single()).isEqualTo("failed VALIDATION_ERROR: Invalid input");
		assertThat(hubspot.records()).containsKey("visitor1@example.com");

		hubspotStubs();
		JobExecution again = push("hubspot");
		assertThat(deleted(again)).contains("0 erased and 1 deleted in the CRM, 0 failed, in 1 requests");
		assertThat(link("hubspot", crmId)).isEqualTo("deleted");
		assertThat(hubspot.records()).doesNotContainKey("visitor1@example.com");
	}

	@Test
	void closesALinkThatNeverGotACrmIdWithoutAsking() {
		long contact = store.contact().name("Bad Address").email("someone@invalid").insert();
		push("hubspot");
		store.jdbc().sql("delete from contact where id = :id").param("id", contact).update();

		JobExecution run = push("hubspot");

		assertThat(deleted(run)).contains("0 erased and 0 deleted in the CRM, 0 failed, in 0 requests");
		assertThat(store.jdbc().sql("select status from crm_link where contact_id = :id").param("id", contact)
			.query(String.class).single()).isEqualTo("deleted");
		hubspotServer.verify(0, postRequestedFor(urlPathEqualTo(GDPR_DELETE)));
		hubspotServer.verify(0, postRequestedFor(urlPathEqualTo(ARCHIVE)));
	}

	@Test
	void deletesInZohoToTheRecycleBinWhatWasDeletedFromTheStoreOnce() {
		contacts(3);
		push("zoho");
		String crmId = crmId("zoho", "visitor1@example.com");
		deleteFromStore("visitor1@example.com");

		JobExecution second = push("zoho");

		assertThat(second.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		zohoServer.verify(1, deleteRequestedFor(urlPathEqualTo(ZOHO_LEADS))
			.withQueryParam("ids", equalTo(crmId)).withQueryParam("wf_trigger", equalTo("false")));
		zohoServer.verify(0, deleteRequestedFor(urlPathEqualTo(ZOHO_BIN)));
		assertThat(zoho.records()).hasSize(2).doesNotContainKey("visitor1@example.com");
		assertThat(zoho.recycleBin().holds(crmId)).isTrue();
		assertThat(link("zoho", crmId)).isEqualTo("deleted");
		assertThat(deleted(second)).contains("0 erased and 1 deleted in the CRM, 0 failed, in 1 requests");

		JobExecution third = push("zoho");
		assertThat(deleted(third)).contains("0 erased and 0 deleted in the CRM, 0 failed, in 0 requests");
		zohoServer.verify(1, deleteRequestedFor(urlPathEqualTo(ZOHO_LEADS)));
	}

	/**
	 * An erasure empties the record from Zoho's recycle bin too. A token without the recycle bin's scope leaves it
	 * there: the link fails saying so, and the next run, with the scope granted, finishes the erasure.
	 */
	@Test
	void erasesFromZohosRecycleBinTooAndRetriesWhenTheTokenLacksItsScope() {
		contacts(2);
		push("zoho");
		String crmId = crmId("zoho", "visitor1@example.com");
		zoho.recycleBinScope(false);
		erasures.request(contactId("visitor1@example.com"), 0, "admin");

		JobExecution night = jobs.run("nightly-sync", Map.of("crm-push.target", "zoho"));

		assertThat(night.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(zoho.recycleBin().holds(crmId)).isTrue();
		assertThat(store.jdbc().sql("select status || ' ' || last_error from crm_link where crm_id = :crmId")
			.param("crmId", crmId).query(String.class).single()).startsWith("failed RECYCLE_BIN: deleted, but left in"
					+ " Zoho's recycle bin for 60 days: Zoho refused the batch: 401 OAUTH_SCOPE_MISMATCH");
		assertThat(erasedInAudit()).isEmpty();

		zoho.recycleBinScope(true);
		JobExecution again = push("zoho");

		assertThat(deleted(again)).isEqualTo("1 erased and 0 deleted in the CRM, 0 failed, in 1 requests");
		zohoServer.verify(2, deleteRequestedFor(urlPathEqualTo(ZOHO_BIN)).withQueryParam("ids", equalTo(crmId)));
		assertThat(zoho.recycleBin().holds(crmId)).isFalse();
		assertThat(zoho.recycleBin().emptied(crmId)).isTrue();
		assertThat(link("zoho", crmId)).isEqualTo("deleted");
		assertThat(erasedInAudit()).containsExactly("{\"crm\": \"zoho\", \"crmId\": \"" + crmId
				+ "\", \"object\": \"Leads\", \"target\": \"zoho\"}");
	}

	@Test
	void deletesInSalesforceToTheRecycleBinWhatWasDeletedFromTheStoreOnce() {
		contacts(3);
		push("salesforce");
		String crmId = crmId("salesforce", "visitor1@example.com");
		deleteFromStore("visitor1@example.com");

		JobExecution second = push("salesforce");

		assertThat(second.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		salesforceServer.verify(1, salesforceCalls("delete")
			.withRequestBody(matchingXPath("//*[local-name()='delete']/*[local-name()='ids'][text()='" + crmId + "']")));
		salesforceServer.verify(0, salesforceCalls("emptyRecycleBin"));
		assertThat(salesforce.records()).hasSize(2);
		assertThat(salesforce.records().values()).noneMatch(fields -> fields.containsValue("visitor1@example.com"));
		assertThat(salesforce.recycleBin().holds(crmId)).isTrue();
		assertThat(link("salesforce", crmId)).isEqualTo("deleted");
		assertThat(deleted(second)).contains("0 erased and 1 deleted in the CRM, 0 failed, in 1 requests");

		JobExecution third = push("salesforce");
		assertThat(deleted(third)).contains("0 erased and 0 deleted in the CRM, 0 failed, in 0 requests");
		salesforceServer.verify(1, salesforceCalls("delete"));
	}

	/**
	 * An erased person's Lead that sales converted goes with the Contact it became, both emptied from the Recycle
	 * Bin. The Lead is already in the bin, as after a run killed between the delete and the emptying: queryAll still
	 * finds its Contact, and the run ends as an uninterrupted one would.
	 */
	@Test
	void erasesAConvertedLeadWithItsContactFromSalesforceForGoodAfterAnInterruptedRun() {
		contacts(2);
		push("salesforce");
		long id = contactId("visitor1@example.com");
		String lead = crmId("salesforce", "visitor1@example.com");
		String contact = salesforce.convert(Long.toString(id));
		CrmMapping mapping = mappings.byName("salesforce").orElseThrow();
		assertThat(connectors.get(CrmTarget.SALESFORCE).delete(mapping, List.of(lead), false))
			.containsExactly(DeleteResult.ok(lead));
		erasures.request(id, 0, "admin");

		JobExecution night = jobs.run("nightly-sync", Map.of("crm-push.target", "salesforce"));

		assertThat(night.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		salesforceServer.verify(1, salesforceCalls("queryAll").withRequestBody(matchingXPath(
				"//*[local-name()='queryString'][contains(text(), \"Id IN ('" + lead + "')\")]")));
		salesforceServer.verify(1, salesforceCalls("emptyRecycleBin")
			.withRequestBody(matchingXPath("//*[local-name()='emptyRecycleBin']/*[local-name()='ids'][text()='" + lead + "']"))
			.withRequestBody(matchingXPath("//*[local-name()='emptyRecycleBin']/*[local-name()='ids'][text()='" + contact + "']")));
		assertThat(salesforce.holdsContact(contact)).isFalse();
		assertThat(salesforce.recycleBin().emptied(lead)).isTrue();
		assertThat(salesforce.recycleBin().emptied(contact)).isTrue();
		assertThat(salesforce.records()).hasSize(1);
		assertThat(link("salesforce", lead)).isEqualTo("deleted");
		assertThat(erasedInAudit()).containsExactly("{\"crm\": \"salesforce\", \"crmId\": \"" + lead
				+ "\", \"object\": \"Lead\", \"target\": \"salesforce\"}");
	}

	@Test
	void aDryRunWritesTheRequestsOfRemovalsAndErasuresAndRemovesNothing() throws Exception {
		contacts(3);
		push("hubspot");
		push("zoho");
		push("salesforce");
		String hubspotId = crmId("hubspot", "visitor1@example.com");
		String zohoId = crmId("zoho", "visitor1@example.com");
		String salesforceId = crmId("salesforce", "visitor1@example.com");
		String erasedInHubSpot = crmId("hubspot", "visitor2@example.com");
		String erasedInSalesforce = crmId("salesforce", "visitor2@example.com");
		String erasedInZoho = crmId("zoho", "visitor2@example.com");
		long erased = contactId("visitor2@example.com");
		deleteFromStore("visitor1@example.com");
		deleteFromStore("visitor2@example.com");
		store.jdbc().sql("update crm_link set erase = true where contact_id = :id").param("id", erased).update();

		JobExecution run = jobs.run("crm-push", Map.of("dryRun", "true"));

		assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(deleted(run)).contains("0 erased and 0 deleted in the CRM, 0 failed, in 6 requests")
			.contains("dry run: 6 records not deleted");
		hubspotServer.verify(0, postRequestedFor(urlPathEqualTo(GDPR_DELETE)));
		hubspotServer.verify(0, postRequestedFor(urlPathEqualTo(ARCHIVE)));
		zohoServer.verify(0, deleteRequestedFor(urlPathEqualTo(ZOHO_LEADS)));
		salesforceServer.verify(0, salesforceCalls("delete"));
		assertThat(hubspot.records()).hasSize(3);
		assertThat(zoho.records()).hasSize(3);
		assertThat(salesforce.records()).hasSize(3);
		assertThat(link("hubspot", hubspotId)).isEqualTo("synced");
		Path report = Path.of(deleted(run).replaceAll(".*their requests in ", "").replaceAll(";.*", "").trim());
		assertThat(Files.readString(report))
			.contains("{\"target\":\"hubspot\",\"delete\":{\"inputs\":[{\"id\":\"" + hubspotId + "\"}]}}")
			.contains("{\"target\":\"hubspot\",\"erase\":[{\"objectId\":\"" + erasedInHubSpot + "\"}]}")
			.contains("\"ids\":[\"" + zohoId + "\"]")
			.contains("{\"method\":\"DELETE\",\"path\":\"settings/recycle_bin\",\"ids\":[\"" + erasedInZoho + "\"]}")
			.contains("{\"target\":\"salesforce\",\"delete\":{\"call\":\"delete\",\"ids\":[\"" + salesforceId + "\"]}}")
			.contains("{\"call\":\"emptyRecycleBin\",\"ids\":[\"" + erasedInSalesforce + "\"]}");
	}

	private String deleteRemoved(CrmMapping mapping) throws Exception {
		return new DeleteRemovedRun(connectors, removedLinks, senders, json).run(mapping);
	}

	/** HubSpot's upsert, archive and gdpr-delete, answered by the stub (and nothing else). */
	private static void hubspotStubs() {
		hubspotServer.answer(post(urlPathEqualTo("/crm/v3/objects/contacts/batch/upsert")),
				post(urlPathEqualTo(ARCHIVE)), post(urlPathEqualTo(GDPR_DELETE)));
	}

	/** The SOAP requests of this call. */
	private static RequestPatternBuilder salesforceCalls(String call) {
		return postRequestedFor(urlPathEqualTo(SalesforceStub.SOAP_PATH))
			.withRequestBody(matchingXPath("//*[local-name()='" + call + "']"));
	}

	private long contactId(String email) {
		return store.jdbc().sql("select id from contact where email = :email").param("email", email)
			.query(Long.class).single();
	}

	/** The details of the audit's crm.erased events. */
	private List<String> erasedInAudit() {
		return store.jdbc().sql("select details::text from audit_event where action = 'crm.erased' order by id")
			.query(String.class).list();
	}

	private void contacts(int count) {
		pushes.visitors(count);
	}

	private void deleteFromStore(String email) {
		store.jdbc().sql("delete from contact where email = :email").param("email", email).update();
	}

	private String crmId(String target, String email) {
		return pushes.crmId(target, email);
	}

	private String link(String target, String crmId) {
		return store.jdbc().sql("select status from crm_link where target = :target and crm_id = :crmId")
			.param("target", target).param("crmId", crmId).query(String.class).single();
	}

	private JobExecution push(String target) {
		return pushes.push(target);
	}

	private static String deleted(JobExecution run) {
		return CrmPushFixture.said(run, "deleteRemoved");
	}
}
