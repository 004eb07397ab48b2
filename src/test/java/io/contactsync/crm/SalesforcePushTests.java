package io.contactsync.crm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingXPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.contactsync.support.ApplicationTest;
import io.contactsync.support.CrmPushFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

/** crm-push to Salesforce through the shipped mappings/salesforce.yml, against a stub that answers as Salesforce does. */
class SalesforcePushTests extends ApplicationTest {

	private static final String TOKEN = "/services/oauth2/token";

	private static final String SOAP = SalesforceStub.SOAP_PATH;

	private static final SalesforceStub salesforce = new SalesforceStub();


	@RegisterExtension
	static final CrmStubServer server = new CrmStubServer(salesforce);

	@BeforeEach
	void credentialsAndAnEmptyStore() {
		server.salesforceCredentials();
		server.answer(post(urlPathEqualTo(TOKEN)), post(urlPathEqualTo(SOAP)));
		salesforce.clear();
		store.clear();
		history.clearHistory();
	}

	@Test
	void upsertsEveryContactOnceInFullBatchesWithOneTokenAndRecordsItsSalesforceId() {
		contacts(250);

		JobExecution run = push();

		assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		server.verify(1, postRequestedFor(urlPathEqualTo(TOKEN))
			.withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
			.withRequestBody(containing("grant_type=client_credentials")));
		server.verify(2, upserts()
			.withHeader("SOAPAction", equalTo("\"\""))
			.withHeader("Content-Type", containing("text/xml"))
			.withRequestBody(matchingXPath("//*[local-name()='sessionId'][text()='" + SalesforceStub.token(1) + "']"))
			.withRequestBody(partner("//m:upsert/m:externalIDFieldName[text()='Contact_Sync_Id__c']"))
			.withRequestBody(partner("//m:upsert/m:sObjects/*[local-name()='type'][text()='Lead']")));
		assertThat(salesforce.batchSizes()).containsExactlyInAnyOrder(200, 50);
		assertThat(salesforce.records()).hasSize(250);
		String visitor7 = contactId("visitor7@example.com");
		assertThat(salesforce.records().get(visitor7)).containsEntry("Email", "visitor7@example.com")
			.containsEntry("LastName", "7")
			.containsEntry("Company", "Unknown")
			.containsEntry("LeadSource", "Chatbot");
		assertThat(store.jdbc().sql("select count(*) from crm_link where target = 'salesforce' and status = 'synced' "
				+ "and crm_id is not null").query(Long.class).single()).isEqualTo(250);
		assertThat(crmId("visitor7@example.com")).isEqualTo(salesforce.id(visitor7)).startsWith("00Q");
		assertThat(crmId("visitor220@example.com")).isEqualTo(salesforce.id(contactId("visitor220@example.com")));
		assertThat(said(run)).contains("250 created, 0 updated, 0 unchanged, 0 failed, in 2 requests");
	}

	@Test
	void sendsNothingTheSecondTimeAndUpdatesTheSameLeadAfterAChange() {
		contacts(30);
		push();
		String id = crmId("visitor3@example.com");

		JobExecution second = push();
		assertThat(said(second)).contains("0 created, 0 updated, 30 unchanged, 0 failed, in 0 requests");
		server.verify(1, upserts());

		store.jdbc().sql("update contact set name = 'Renamed Visitor' where email = 'visitor3@example.com'").update();
		JobExecution third = push();

		assertThat(said(third)).contains("0 created, 1 updated, 29 unchanged, 0 failed, in 1 requests");
		assertThat(crmId("visitor3@example.com")).isEqualTo(id);
		assertThat(salesforce.records()).hasSize(30);
		assertThat(salesforce.records().get(contactId("visitor3@example.com"))).containsEntry("LastName", "Visitor");
	}

	@Test
	void recordsARefusedLeadAsFailedWithItsStatusCodeAndSyncsTheRest() throws Exception {
		contacts(5);
		long refused = store.contact().name("Bad Address").email("someone@invalid").insert();

		JobExecution run = push();

		assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(said(run)).contains("5 created, 0 updated, 0 unchanged, 1 failed, in 1 requests");
		assertThat(store.jdbc().sql("select status || ' ' || last_error from crm_link where contact_id = :id")
			.param("id", refused).query(String.class).single())
			.isEqualTo("failed INVALID_EMAIL_ADDRESS: Email: invalid email address: someone@invalid");
		assertThat(store.jdbc().sql("select count(*) from crm_link where status = 'synced'").query(Long.class).single())
			.isEqualTo(5);
		Path report = Path.of(said(run).replaceAll(".*contacts failing: see ", "").trim());
		assertThat(Files.readAllLines(report)).containsExactly("contact_id,target,code,message",
				refused + ",salesforce,INVALID_EMAIL_ADDRESS,Email: invalid email address: someone@invalid");
	}

	@Test
	void sendsALockedRecordAgainInTheSameRunAndCreatesItOnce() {
		contacts(3);
		String locked = contactId("visitor1@example.com");
		salesforce.lock(locked, 1);

		JobExecution run = push();

		assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		// The batch, then the locked record alone.
		server.verify(2, upserts());
		assertThat(salesforce.batchSizes()).containsExactly(3, 1);
		assertThat(salesforce.records()).hasSize(3).containsKey(locked);
		assertThat(store.jdbc().sql("select status || ' ' || crm_id from crm_link where contact_id = :id")
			.param("id", Long.parseLong(locked)).query(String.class).single())
			.isEqualTo("synced " + salesforce.id(locked));
		assertThat(said(run)).contains("3 created, 0 updated, 0 unchanged, 0 failed, in 1 requests");
	}

	@Test
	void recordsARowStillLockedAfterTheRetriesAsFailedForTheNextRun() {
		contacts(2);
		String locked = contactId("visitor1@example.com");
		salesforce.lock(locked, 100);

		JobExecution run = push();

		assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		// The first call and five more for the locked record: the retry policy's six attempts.
		assertThat(salesforce.batchSizes()).containsExactly(2, 1, 1, 1, 1, 1);
		assertThat(salesforce.records()).hasSize(1).doesNotContainKey(locked);
		assertThat(said(run)).contains("1 created, 0 updated, 0 unchanged, 1 failed, in 1 requests");
		assertThat(store.jdbc().sql("select status || ' ' || last_error from crm_link where contact_id = :id")
			.param("id", Long.parseLong(locked)).query(String.class).single())
			.isEqualTo("failed UNABLE_TO_LOCK_ROW: unable to obtain exclusive access to this record");
	}

	@Test
	void getsOneNewTokenWhenTheSessionIsRejectedAndSendsTheBatchAgain() {
		contacts(3);
		server.stubFor(post(urlPathEqualTo(SOAP)).inScenario("session").whenScenarioStateIs(Scenario.STARTED)
			.willReturn(fault("INVALID_SESSION_ID", "Invalid Session ID found in SessionHeader: Illegal Session"))
			.willSetStateTo("renewed"));
		server.stubFor(post(urlPathEqualTo(SOAP)).inScenario("session").whenScenarioStateIs("renewed")
			.willReturn(aResponse().withTransformers(SalesforceStub.NAME)));

		JobExecution run = push();

		assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		server.verify(2, postRequestedFor(urlPathEqualTo(TOKEN)));
		// The schema check's describe of the Lead met the rejected session and went again with the new one; then the
		// describe of Task (the mapping's activities) and the upsert.
		server.verify(4, calls());
		server.verify(1, upserts().withRequestBody(
				matchingXPath("//*[local-name()='sessionId'][text()='" + SalesforceStub.token(2) + "']")));
		assertThat(said(run)).contains("3 created, 0 updated, 0 unchanged, 0 failed, in 1 requests");
	}

	@Test
	void stopsWhenTheNewSessionIsRejectedToo() {
		contacts(3);
		server.stubFor(post(urlPathEqualTo(SOAP))
			.willReturn(fault("INVALID_SESSION_ID", "Invalid Session ID found in SessionHeader: Illegal Session")));

		JobExecution run = push();

		assertThat(run.getStatus()).isEqualTo(BatchStatus.FAILED);
		server.verify(2, postRequestedFor(urlPathEqualTo(TOKEN)));
		// The schema check stops the run: describeSObject with each session, and no upsert.
		server.verify(2, calls());
		server.verify(0, upserts());
		assertThat(store.count("crm_link")).isZero();
	}

	@Test
	void stopsWhenSalesforceWillNotIssueAToken() {
		server.variable("SALESFORCE_CLIENT_SECRET", "a-wrong-secret");
		contacts(3);

		JobExecution run = push();

		assertThat(run.getStatus()).isEqualTo(BatchStatus.FAILED);
		server.verify(1, postRequestedFor(urlPathEqualTo(TOKEN)));
		server.verify(0, upserts());
		assertThat(store.count("crm_link")).isZero();
	}

	@Test
	void waitsOutARequestLimitAndGoesOn() {
		contacts(3);
		server.stubFor(post(urlPathEqualTo(SOAP)).inScenario("limit").whenScenarioStateIs(Scenario.STARTED)
			.willReturn(fault("REQUEST_LIMIT_EXCEEDED", "ConcurrentRequests (Concurrent API Requests) Limit exceeded."))
			.willSetStateTo("after"));
		server.stubFor(post(urlPathEqualTo(SOAP)).inScenario("limit").whenScenarioStateIs("after")
			.willReturn(aResponse().withTransformers(SalesforceStub.NAME)));

		JobExecution run = push();

		assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		// The limit met the schema check's describe of the Lead, which went again; then the describe of Task (the
		// mapping's activities) and one upsert.
		server.verify(4, calls());
		server.verify(1, upserts());
		server.verify(1, postRequestedFor(urlPathEqualTo(TOKEN)));
		assertThat(salesforce.records()).hasSize(3);
		assertThat(said(run)).contains("3 created, 0 updated, 0 unchanged, 0 failed, in 1 requests");
	}

	@Test
	void stopsAtOnceWhenTheDailyRequestLimitIsReached() {
		contacts(3);
		server.stubFor(post(urlPathEqualTo(SOAP))
			.willReturn(fault("REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.")));

		JobExecution run = push();

		assertThat(run.getStatus()).isEqualTo(BatchStatus.FAILED);
		server.verify(1, calls());
		server.verify(0, upserts());
		assertThat(store.count("crm_link")).isZero();
	}

	@Test
	void failsEveryRecordOfABatchWhoseResultsCannotBeMatched() {
		contacts(3);
		server.stubFor(post(urlPathEqualTo(SOAP)).withRequestBody(partner("//m:upsert")).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "text/xml;charset=UTF-8")
			.withBody("<?xml version=\"1.0\" encoding=\"UTF-8\"?><soapenv:Envelope "
					+ "xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns=\"urn:partner.soap.sforce.com\" "
					+ "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><soapenv:Body><upsertResponse><result>"
					+ "<created>true</created><id>00Q5g00000TEST1AAA</id><success>true</success></result>"
					+ "</upsertResponse></soapenv:Body></soapenv:Envelope>")));

		JobExecution run = push();

		assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(said(run)).contains("0 created, 0 updated, 0 unchanged, 3 failed, in 1 requests");
		assertThat(store.jdbc().sql("select distinct status || ' ' || last_error from crm_link").query(String.class)
			.list()).containsExactly(
					"failed NO_RESULT: Salesforce's 1 results could not be matched to the 3 records sent");
	}

	@Test
	void writesTheCallsInsteadOfSendingThemWithoutCredentials() throws Exception {
		System.clearProperty("SALESFORCE_CLIENT_SECRET");
		contacts(3);

		JobExecution run = push();

		assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		server.verify(0, postRequestedFor(urlPathEqualTo(TOKEN)));
		server.verify(0, upserts());
		assertThat(said(run)).contains("dry run: 3 records not sent (1 requests)");
		Path report = Path.of(said(run).replaceAll(".*their exact bodies in ", "").replaceAll(";.*", "").trim());
		assertThat(Files.readString(report)).contains("\"target\":\"salesforce\"")
			.contains("\"object\":\"Lead\"")
			.contains("\"externalIDFieldName\":\"Contact_Sync_Id__c\"")
			.contains("\"Email\":\"visitor1@example.com\"");
		assertThat(store.count("crm_link")).isZero();
	}

	private static RequestPatternBuilder upserts() {
		return postRequestedFor(urlPathEqualTo(SOAP)).withRequestBody(partner("//m:upsert"));
	}

	/** Every SOAP call: the schema check's describeSObject and the upserts. */
	private static RequestPatternBuilder calls() {
		return postRequestedFor(urlPathEqualTo(SOAP));
	}

	private static com.github.tomakehurst.wiremock.matching.StringValuePattern partner(String xpath) {
		return matchingXPath(xpath).withXPathNamespace("m", "urn:partner.soap.sforce.com");
	}

	private static ResponseDefinitionBuilder fault(String code, String message) {
		return ResponseDefinitionBuilder.like(SalesforceStub.fault(code, message));
	}

	private void contacts(int count) {
		pushes.visitors(count);
	}

	private String contactId(String email) {
		return store.jdbc().sql("select id::text from contact where email = :email").param("email", email)
			.query(String.class).single();
	}

	private String crmId(String email) {
		return pushes.crmId("salesforce", email);
	}

	private JobExecution push() {
		return pushes.push("salesforce");
	}

	private static String said(JobExecution run) {
		return CrmPushFixture.said(run, "pushContacts");
	}
}
