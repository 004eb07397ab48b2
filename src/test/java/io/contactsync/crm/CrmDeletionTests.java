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
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.scope.context.StepContext;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.batch.test.MetaDataInstanceFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * crm-push's deleteRemoved step through the shipped mappings: a contact deleted from the store is deleted in
 * each CRM it reached (HubSpot gdpr-delete, Salesforce delete(), Zoho DELETE), its link closed, and never
 * sent again; a dry run only writes the requests.
 */
class CrmDeletionTests extends ApplicationTest {

	private static final String GDPR_DELETE = "/crm/v3/objects/contacts/gdpr-delete";

	private static final String ARCHIVE = "/crm/v3/objects/contacts/batch/archive";

	private static final String ZOHO_LEADS = "/crm/v8/Leads";

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
	ErasureService erasures;

	@BeforeEach
	void credentialsAndAnEmptyStore() {
		hubspotServer.hubspotCredentials();
		zohoServer.zohoCredentials();
		salesforceServer.salesforceCredentials();
		hubspotStubs();
		zohoServer.answer(post(urlPathEqualTo("/oauth/v2/token")), post(urlPathEqualTo(ZOHO_LEADS + "/upsert")),
				delete(urlPathEqualTo(ZOHO_LEADS)));
		salesforceServer.answer(post(urlPathEqualTo("/services/oauth2/token")),
				post(urlPathEqualTo(SalesforceStub.SOAP_PATH)));
		hubspot.clear();
		zoho.clear();
		salesforce.clear();
		store.clear();
		history.clearHistory();
	}

	/** The pipeline end to end: the night's retention step purges the erasure, its crm-push step deletes the record. */
	@Test
	void theNightlySyncDeletesFromHubSpotAContactWhoseErasureBecameDue() {
		contacts(3);
		push("hubspot");
		String crmId = crmId("hubspot", "visitor1@example.com");
		long id = store.jdbc().sql("select id from contact where email = 'visitor1@example.com'").query(Long.class).single();
		erasures.request(id, 0, "admin");

		JobExecution night = jobs.run("nightly-sync", Map.of("crm-push.target", "hubspot"));

		assertThat(night.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		hubspotServer.verify(1, postRequestedFor(urlPathEqualTo(GDPR_DELETE))
			.withRequestBody(equalToJson("{\"objectId\":\"" + crmId + "\"}")));
		assertThat(hubspot.records()).hasSize(2).doesNotContainKey("visitor1@example.com");
		assertThat(link("hubspot", crmId)).isEqualTo("deleted");
	}

	@Test
	void gdprDeletesInHubSpotWhatWasDeletedFromTheStoreOnce() {
		contacts(3);
		push("hubspot");
		String crmId = crmId("hubspot", "visitor1@example.com");
		deleteFromStore("visitor1@example.com");

		JobExecution second = push("hubspot");

		assertThat(second.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		hubspotServer.verify(1, postRequestedFor(urlPathEqualTo(GDPR_DELETE))
			.withRequestBody(equalToJson("{\"objectId\":\"" + crmId + "\"}")));
		assertThat(hubspot.records()).hasSize(2).doesNotContainKey("visitor1@example.com");
		assertThat(link("hubspot", crmId)).isEqualTo("deleted");
		assertThat(deleted(second)).contains("1 deleted in the CRM, 0 failed, in 1 requests");

		JobExecution third = push("hubspot");
		assertThat(deleted(third)).contains("0 deleted in the CRM, 0 failed, in 0 requests");
		hubspotServer.verify(1, postRequestedFor(urlPathEqualTo(GDPR_DELETE)));
	}

	/**
	 * The shared test context reads the shipped mappings, whose hubspot.yml says gdpr-delete: the step's
	 * tasklet runs here on a copy of it that says archive.
	 */
	@Test
	void archivesInHubSpotWhatWasDeletedFromTheStoreWhenTheMappingSaysArchive() throws Exception {
		contacts(3);
		push("hubspot");
		String first = crmId("hubspot", "visitor1@example.com");
		String second = crmId("hubspot", "visitor2@example.com");
		deleteFromStore("visitor1@example.com");
		deleteFromStore("visitor2@example.com");

		String said = deleteRemoved(withDeletion(mappings.byName("hubspot").orElseThrow(), "archive"));

		hubspotServer.verify(1, postRequestedFor(urlPathEqualTo(ARCHIVE))
			.withHeader("Authorization", equalTo("Bearer pat-na1-test-token"))
			.withHeader("Content-Type", containing("application/json"))
			.withRequestBody(equalToJson("{\"inputs\":[{\"id\":\"" + first + "\"},{\"id\":\"" + second + "\"}]}")));
		hubspotServer.verify(0, postRequestedFor(urlPathEqualTo(GDPR_DELETE)));
		assertThat(hubspot.records()).containsOnlyKeys("visitor0@example.com");
		assertThat(link("hubspot", first)).isEqualTo("deleted");
		assertThat(link("hubspot", second)).isEqualTo("deleted");
		assertThat(said).isEqualTo("2 deleted in the CRM, 0 failed, in 1 requests");

		assertThat(deleted(push("hubspot"))).contains("0 deleted in the CRM, 0 failed, in 0 requests");
		hubspotServer.verify(1, postRequestedFor(urlPathEqualTo(ARCHIVE)));
	}

	@Test
	void keepsARefusedDeleteAsFailedAndTriesItAgainNextRun() {
		contacts(2);
		push("hubspot");
		String crmId = crmId("hubspot", "visitor1@example.com");
		deleteFromStore("visitor1@example.com");
		hubspotServer.stubFor(post(urlPathEqualTo(GDPR_DELETE)).atPriority(1)
			.willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
				.withBody("{\"status\":\"error\",\"message\":\"Invalid input\",\"category\":\"VALIDATION_ERROR\"}")));

		JobExecution refused = push("hubspot");

		assertThat(refused.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(deleted(refused)).contains("0 deleted in the CRM, 1 failed, in 1 requests");
		assertThat(store.jdbc().sql("select status || ' ' || last_error from crm_link where crm_id = :crmId")
			.param("crmId", crmId).query(String.class).single()).isEqualTo("failed VALIDATION_ERROR: Invalid input");
		assertThat(hubspot.records()).containsKey("visitor1@example.com");

		hubspotStubs();
		JobExecution again = push("hubspot");
		assertThat(deleted(again)).contains("1 deleted in the CRM, 0 failed, in 1 requests");
		assertThat(link("hubspot", crmId)).isEqualTo("deleted");
		assertThat(hubspot.records()).doesNotContainKey("visitor1@example.com");
	}

	@Test
	void closesALinkThatNeverGotACrmIdWithoutAsking() {
		long contact = store.contact().name("Bad Address").email("someone@invalid").insert();
		push("hubspot");
		store.jdbc().sql("delete from contact where id = :id").param("id", contact).update();

		JobExecution run = push("hubspot");

		assertThat(deleted(run)).contains("0 deleted in the CRM, 0 failed, in 0 requests");
		assertThat(store.jdbc().sql("select status from crm_link where contact_id = :id").param("id", contact)
			.query(String.class).single()).isEqualTo("deleted");
		hubspotServer.verify(0, postRequestedFor(urlPathEqualTo(GDPR_DELETE)));
	}

	@Test
	void deletesInZohoWhatWasDeletedFromTheStoreOnce() {
		contacts(3);
		push("zoho");
		String crmId = crmId("zoho", "visitor1@example.com");
		deleteFromStore("visitor1@example.com");

		JobExecution second = push("zoho");

		assertThat(second.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		zohoServer.verify(1, deleteRequestedFor(urlPathEqualTo(ZOHO_LEADS))
			.withQueryParam("ids", equalTo(crmId)));
		assertThat(zoho.records()).hasSize(2).doesNotContainKey("visitor1@example.com");
		assertThat(link("zoho", crmId)).isEqualTo("deleted");
		assertThat(deleted(second)).contains("1 deleted in the CRM, 0 failed, in 1 requests");

		JobExecution third = push("zoho");
		assertThat(deleted(third)).contains("0 deleted in the CRM, 0 failed, in 0 requests");
		zohoServer.verify(1, deleteRequestedFor(urlPathEqualTo(ZOHO_LEADS)));
	}

	@Test
	void deletesInSalesforceWhatWasDeletedFromTheStoreOnce() {
		contacts(3);
		push("salesforce");
		String crmId = crmId("salesforce", "visitor1@example.com");
		deleteFromStore("visitor1@example.com");

		JobExecution second = push("salesforce");

		assertThat(second.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		salesforceServer.verify(1, salesforceDeletes()
			.withRequestBody(matchingXPath("//*[local-name()='delete']/*[local-name()='ids'][text()='" + crmId + "']")));
		assertThat(salesforce.records()).hasSize(2);
		assertThat(salesforce.records().values()).noneMatch(fields -> fields.containsValue("visitor1@example.com"));
		assertThat(link("salesforce", crmId)).isEqualTo("deleted");
		assertThat(deleted(second)).contains("1 deleted in the CRM, 0 failed, in 1 requests");

		JobExecution third = push("salesforce");
		assertThat(deleted(third)).contains("0 deleted in the CRM, 0 failed, in 0 requests");
		salesforceServer.verify(1, salesforceDeletes());
	}

	@Test
	void aDryRunWritesTheDeleteRequestsAndDeletesNothing() throws Exception {
		contacts(3);
		push("hubspot");
		push("zoho");
		push("salesforce");
		String hubspotId = crmId("hubspot", "visitor1@example.com");
		String zohoId = crmId("zoho", "visitor1@example.com");
		String salesforceId = crmId("salesforce", "visitor1@example.com");
		deleteFromStore("visitor1@example.com");

		JobExecution run = jobs.run("crm-push", Map.of("dryRun", "true"));

		assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(deleted(run)).contains("0 deleted in the CRM, 0 failed, in 3 requests")
			.contains("dry run: 3 records not deleted");
		hubspotServer.verify(0, postRequestedFor(urlPathEqualTo(GDPR_DELETE)));
		zohoServer.verify(0, deleteRequestedFor(urlPathEqualTo(ZOHO_LEADS)));
		salesforceServer.verify(0, salesforceDeletes());
		assertThat(hubspot.records()).hasSize(3);
		assertThat(zoho.records()).hasSize(3);
		assertThat(salesforce.records()).hasSize(3);
		assertThat(link("hubspot", hubspotId)).isEqualTo("synced");
		Path report = Path.of(deleted(run).replaceAll(".*their requests in ", "").replaceAll(";.*", "").trim());
		assertThat(Files.readString(report))
			.contains("{\"target\":\"hubspot\",\"delete\":[{\"objectId\":\"" + hubspotId + "\"}]}")
			.contains("\"ids\":[\"" + zohoId + "\"]")
			.contains("{\"target\":\"salesforce\",\"delete\":{\"call\":\"delete\",\"ids\":[\"" + salesforceId + "\"]}}");
	}

	/** Runs the deleteRemoved step's tasklet for one mapping to its end; what the step says. */
	private String deleteRemoved(CrmMapping mapping) throws Exception {
		StepExecution step = MetaDataInstanceFactory.createStepExecution();
		DeleteRemovedTasklet tasklet = new DeleteRemovedTasklet(List.of(mapping), connectors, store.jdbc(), senders,
				false, Path.of("target/test-reports/archive-dry-run.jsonl"),
				new PushPlan(Path.of("target/test-reports/archive-plan.jsonl"), json, senders));
		tasklet.beforeStep(step);
		ChunkContext chunk = new ChunkContext(new StepContext(step));
		while (tasklet.execute(step.createStepContribution(), chunk) == RepeatStatus.CONTINUABLE) {
			// one batch of deletes a call, as the step makes them
		}
		return tasklet.afterStep(step).getExitDescription();
	}

	private static CrmMapping withDeletion(CrmMapping mapping, String deletion) {
		return new CrmMapping(mapping.name(), mapping.file(), mapping.target(), mapping.object(), mapping.matchKey(),
				mapping.scope(), mapping.fields(), mapping.batchSize(), mapping.rateLimit(), mapping.credentials(),
				deletion, mapping.options());
	}

	/** HubSpot's upsert, archive and gdpr-delete, answered by the stub (and nothing else). */
	private static void hubspotStubs() {
		hubspotServer.answer(post(urlPathEqualTo("/crm/v3/objects/contacts/batch/upsert")),
				post(urlPathEqualTo(ARCHIVE)), post(urlPathEqualTo(GDPR_DELETE)));
	}

	private static RequestPatternBuilder salesforceDeletes() {
		return postRequestedFor(urlPathEqualTo(SalesforceStub.SOAP_PATH))
			.withRequestBody(matchingXPath("//*[local-name()='delete']"));
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
