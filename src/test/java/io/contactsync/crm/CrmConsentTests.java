package io.contactsync.crm;

import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingXPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.contactsync.retention.ErasureService;
import io.contactsync.store.ContactRepository;
import io.contactsync.support.ApplicationTest;
import io.contactsync.support.CrmPushFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.scope.context.StepContext;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.test.MetaDataInstanceFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A contact's consent reaches the CRMs it is in: an opt-out takes the contact out of the shipped mappings' scope,
 * and onLeaveScope: update (their default) still pushes the change — Salesforce HasOptedOutOfEmail, Zoho
 * Email_Opt_Out as a JSON boolean. onLeaveScope: delete removes the record instead, restorably; the contact is
 * created again when it comes back, and erased for good if it asks to be.
 */
class CrmConsentTests extends ApplicationTest {

	private static final String ZOHO_LEADS = "/crm/v8/Leads";

	private static final String ARCHIVE = "/crm/v3/objects/contacts/batch/archive";

	private static final String GDPR_DELETE = "/crm/v3/objects/contacts/gdpr-delete";

	private static final SalesforceStub salesforce = new SalesforceStub();

	private static final ZohoStub zoho = new ZohoStub();

	private static final HubSpotStub hubspot = new HubSpotStub();

	@RegisterExtension
	static final CrmStubServer salesforceServer = new CrmStubServer(salesforce);

	@RegisterExtension
	static final CrmStubServer zohoServer = new CrmStubServer(zoho);

	@RegisterExtension
	static final CrmStubServer hubspotServer = new CrmStubServer(hubspot);

	@Autowired
	ContactRepository contacts;

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
	void stubsAndAnEmptyStore() {
		salesforceServer.salesforceCredentials();
		zohoServer.zohoCredentials();
		hubspotServer.hubspotCredentials();
		salesforceServer.answer(post(urlPathEqualTo("/services/oauth2/token")),
				post(urlPathEqualTo(SalesforceStub.SOAP_PATH)));
		zohoServer.answer(post(urlPathEqualTo("/oauth/v2/token")), post(urlPathEqualTo(ZOHO_LEADS + "/upsert")),
				put(urlPathEqualTo(ZOHO_LEADS)), delete(urlPathEqualTo(ZOHO_LEADS)));
		hubspotServer.answer(post(urlPathEqualTo("/crm/v3/objects/contacts/batch/upsert")),
				post(urlPathEqualTo("/crm/v3/objects/contacts/batch/update")), post(urlPathEqualTo(ARCHIVE)),
				post(urlPathEqualTo(GDPR_DELETE)));
		salesforce.clear();
		zoho.clear();
		hubspot.clear();
		store.clear();
		history.clearHistory();
	}

	@Test
	void anOptOutReachesSalesforceThoughTheContactLeftTheScope() {
		long id = consenting("Ada Lovelace", "ada@example.com");
		pushes.push("salesforce");
		assertThat(salesforce.records().get(Long.toString(id))).containsEntry("HasOptedOutOfEmail", "false");

		contacts.setConsent(id, false, "widget", Instant.parse("2026-12-01T10:00:00Z"));
		JobExecution run = pushes.push("salesforce");

		assertThat(CrmPushFixture.said(run, "pushContacts")).contains("0 created, 1 updated, 0 unchanged, 0 failed");
		salesforceServer.verify(1, postRequestedFor(urlPathEqualTo(SalesforceStub.SOAP_PATH))
			.withRequestBody(matchingXPath("//*[local-name()='sObjects']/*[local-name()='HasOptedOutOfEmail'][text()='true']")));
		assertThat(salesforce.records().get(Long.toString(id))).containsEntry("HasOptedOutOfEmail", "true");
		assertThat(CrmPushFixture.said(pushes.push("salesforce"), "pushContacts")).contains("0 created, 0 updated");
	}

	/** Zoho's boolean fields refuse the string "true": the stub, as Zoho, fails such a record INVALID_DATA. */
	@Test
	void anOptOutReachesZohoAsAJsonBoolean() {
		long id = consenting("Grace Hopper", "grace@example.com");
		pushes.push("zoho");
		String zohoId = zoho.id("grace@example.com");
		assertThat(zoho.records().get("grace@example.com")).containsEntry("Email_Opt_Out", "false");

		contacts.setConsent(id, false, "telegram", Instant.parse("2026-12-01T10:00:00Z"));
		JobExecution run = pushes.push("zoho");

		assertThat(CrmPushFixture.said(run, "pushContacts")).contains("0 created, 1 updated, 0 unchanged, 0 failed");
		zohoServer.verify(1, putRequestedFor(urlPathEqualTo(ZOHO_LEADS))
			.withRequestBody(matchingJsonPath("$.data[0].id", equalTo(zohoId)))
			.withRequestBody(matchingJsonPath("$.data[0].Email_Opt_Out", equalTo("true")))
			.withRequestBody(matchingJsonPath("$.data[?(@.Email_Opt_Out == true)]")));
		assertThat(zoho.records().get("grace@example.com")).containsEntry("Email_Opt_Out", "true");
	}

	/**
	 * onLeaveScope: delete archives the record of a contact who opted out (as delete: says) and leaves the contact
	 * in the store; opting in again creates a new record; erasure then deletes it for good, and the archived one's
	 * id goes to HubSpot's GDPR delete too.
	 */
	@Test
	void deleteOnLeavingTheScopeRemovesTheRecordUntilTheContactComesBack() throws Exception {
		long id = consenting("Alan Turing", "alan@example.com");
		pushes.push("hubspot");
		String first = pushes.crmId("hubspot", "alan@example.com");
		contacts.setConsent(id, false, "widget", Instant.parse("2026-12-01T10:00:00Z"));
		CrmMapping deleting = DeleteRemovedRun.with(mappings.byName("hubspot").orElseThrow(), "archive",
				CrmMapping.Options.DELETE);

		assertThat(deleteRemoved(deleting)).isEqualTo("0 erased and 1 deleted in the CRM, 0 failed, in 1 requests");

		hubspotServer.verify(1, postRequestedFor(urlPathEqualTo(ARCHIVE))
			.withRequestBody(equalToJson("{\"inputs\":[{\"id\":\"" + first + "\"}]}")));
		assertThat(hubspot.records()).isEmpty();
		assertThat(linkStatus(id)).isEqualTo("deleted");
		assertThat(deleteRemoved(deleting)).isEqualTo("0 erased and 0 deleted in the CRM, 0 failed, in 0 requests");

		contacts.setConsent(id, true, "widget", Instant.parse("2026-12-02T10:00:00Z"));
		JobExecution back = pushes.push("hubspot");

		assertThat(CrmPushFixture.said(back, "pushContacts")).contains("1 created, 0 updated");
		String second = pushes.crmId("hubspot", "alan@example.com");
		assertThat(second).isNotEqualTo(first);
		assertThat(hubspot.records()).containsKey("alan@example.com");

		erasures.request(id, 0, "admin");
		jobs.run("nightly-sync", Map.of("crm-push.target", "hubspot"));

		hubspotServer.verify(1, postRequestedFor(urlPathEqualTo(GDPR_DELETE))
			.withRequestBody(equalToJson("{\"objectId\":\"" + second + "\"}")));
		assertThat(hubspot.records()).isEmpty();
		assertThat(linkStatus(id)).isEqualTo("deleted");
	}

	/** onLeaveScope: keep leaves the record as last pushed, and the dry run's plan names the contact leaving. */
	@Test
	void keepOnLeavingTheScopeIsPlannedAsLeaving() throws Exception {
		long id = consenting("Edsger Dijkstra", "edsger@example.com");
		pushes.push("hubspot");
		contacts.setConsent(id, false, "widget", Instant.parse("2026-12-01T10:00:00Z"));
		CrmMapping keeping = DeleteRemovedRun.with(mappings.byName("hubspot").orElseThrow(), "archive",
				CrmMapping.Options.KEEP);
		Path planFile = Files.createTempFile("leave-scope", ".jsonl");
		Files.delete(planFile);
		PlanTasklet tasklet = new PlanTasklet(List.of(keeping), store.jdbc(), new PushPlan(planFile, json, senders),
				false);
		StepExecution step = MetaDataInstanceFactory.createStepExecution();

		tasklet.execute(step.createStepContribution(), new ChunkContext(new StepContext(step)));

		assertThat(tasklet.afterStep(step).getExitDescription()).contains("hubspot plan: 0 to create, 0 to update, "
				+ "0 unchanged, 0 refused, 0 to delete, 1 leaving scope");
		assertThat(Files.readString(planFile)).contains("\"contact_id\":" + id).contains("\"action\":\"leave-scope\"");
		assertThat(deleteRemoved(keeping)).isEqualTo("0 erased and 0 deleted in the CRM, 0 failed, in 0 requests");
		assertThat(hubspot.records()).containsKey("edsger@example.com");
	}

	/** With onLeaveScope: update, a contact waiting for erasure is never pushed, in scope or not. */
	@Test
	void aContactWaitingForErasureIsNotUpdatedForLeavingTheScope() {
		long id = consenting("Kurt Gödel", "kurt@example.com");
		pushes.push("salesforce");
		store.jdbc().sql("update contact set erasure_requested_at = now(), erasure_due_at = now() + interval '30 days',"
				+ " erasure_requested_by = 'admin', name = 'Changed' where id = :id").param("id", id).update();

		JobExecution run = pushes.push("salesforce");

		assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(CrmPushFixture.said(run, "pushContacts")).contains("0 created, 0 updated");
	}

	private long consenting(String name, String email) {
		long id = store.contact().name(name).email(email).insert();
		contacts.setConsent(id, true, "widget", Instant.parse("2026-11-01T10:00:00Z"));
		return id;
	}

	private String linkStatus(long contactId) {
		return store.jdbc().sql("select status from crm_link where contact_id = :id").param("id", contactId)
			.query(String.class).single();
	}

	private String deleteRemoved(CrmMapping mapping) throws Exception {
		return new DeleteRemovedRun(connectors, removedLinks, senders, json).run(mapping);
	}
}
