package io.contactsync.crm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.contactsync.support.ApplicationTest;
import io.contactsync.support.CrmPushFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

/** crm-push to Zoho through the shipped mappings/zoho.yml, against a stub that answers as Zoho does. */
class ZohoPushTests extends ApplicationTest {

	private static final String TOKEN = "/oauth/v2/token";

	private static final String LEADS = "/crm/v8/Leads";

	private static final String UPSERT = "/crm/v8/Leads/upsert";

	private static final ZohoStub zoho = new ZohoStub();


	@RegisterExtension
	static final CrmStubServer server = new CrmStubServer(zoho);

	@BeforeEach
	void credentialsAndAnEmptyStore() {
		server.zohoCredentials();
		server.answer(post(urlPathEqualTo(TOKEN)), post(urlPathEqualTo(UPSERT)), put(urlPathEqualTo(LEADS)));
		zoho.clear();
		store.clear();
		history.clearHistory();
	}

	@Test
	void sendsEveryContactOnceInFullBatchesWithOneTokenAndRecordsItsZohoId() {
		contacts(150);

		JobExecution run = push();

		assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		server.verify(1, postRequestedFor(urlPathEqualTo(TOKEN))
			.withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
			.withRequestBody(containing("grant_type=refresh_token")));
		server.verify(2, postRequestedFor(urlPathEqualTo(UPSERT))
			.withHeader("Authorization", equalTo("Zoho-oauthtoken 1000.access.1"))
			.withRequestBody(matchingJsonPath("$.duplicate_check_fields[0]", equalTo("Email")))
			.withRequestBody(matchingJsonPath("$.trigger.length()", equalTo("0"))));
		server.verify(1, postRequestedFor(urlPathEqualTo(UPSERT))
			.withRequestBody(matchingJsonPath("$.data.length()", equalTo("100"))));
		assertThat(zoho.records()).hasSize(150).containsKey("visitor7@example.com");
		assertThat(zoho.records().get("visitor7@example.com")).containsEntry("Email", "visitor7@example.com")
			.containsEntry("Last_Name", "7")
			.containsEntry("Lead_Status", "Not Contacted");
		assertThat(store.jdbc().sql("select count(*) from crm_link where target = 'zoho' and status = 'synced' "
				+ "and crm_id is not null").query(Long.class).single()).isEqualTo(150);
		assertThat(crmId("visitor7@example.com")).isEqualTo(zoho.id("visitor7@example.com"));
		assertThat(crmId("visitor120@example.com")).isEqualTo(zoho.id("visitor120@example.com"));
		assertThat(said(run)).contains("150 created, 0 updated, 0 unchanged, 0 failed, in 2 requests");
	}

	@Test
	void sendsNothingTheSecondTimeAndUpdatesTheSameRecordAfterAChange() {
		contacts(30);
		push();
		String id = crmId("visitor3@example.com");

		JobExecution second = push();
		assertThat(said(second)).contains("0 created, 0 updated, 30 unchanged, 0 failed, in 0 requests");
		server.verify(1, postRequestedFor(urlPathEqualTo(UPSERT)));

		store.jdbc().sql("update contact set name = 'Renamed Visitor' where email = 'visitor3@example.com'").update();
		JobExecution third = push();

		assertThat(said(third)).contains("0 created, 1 updated, 29 unchanged, 0 failed, in 1 requests");
		assertThat(crmId("visitor3@example.com")).isEqualTo(id);
		assertThat(zoho.records()).hasSize(30);
		assertThat(zoho.records().get("visitor3@example.com")).containsEntry("Last_Name", "Visitor");
	}

	@Test
	void recordsARefusedContactAsFailedAndSyncsTheRest() throws Exception {
		contacts(5);
		long refused = store.contact().name("Bad Address").email("someone@invalid").insert();

		JobExecution run = push();

		assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(said(run)).contains("5 created, 0 updated, 0 unchanged, 1 failed, in 1 requests");
		assertThat(store.jdbc().sql("select status || ' ' || last_error from crm_link where contact_id = :id")
			.param("id", refused).query(String.class).single()).isEqualTo("failed INVALID_DATA: invalid data (Email)");
		assertThat(store.jdbc().sql("select count(*) from crm_link where status = 'synced'").query(Long.class).single())
			.isEqualTo(5);
		Path report = Path.of(said(run).replaceAll(".*contacts failing: see ", "").trim());
		assertThat(Files.readAllLines(report)).containsExactly("contact_id,target,code,message",
				refused + ",zoho,INVALID_DATA,invalid data (Email)");

		// Alone, the refused record gets a 400 whose data[] still says why.
		JobExecution again = push();
		assertThat(again.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(said(again)).contains("0 created, 0 updated, 5 unchanged, 1 failed, in 1 requests");
	}

	@Test
	void refreshesARejectedTokenOnceAndSendsTheBatchAgain() {
		contacts(3);
		server.stubFor(post(urlPathEqualTo(UPSERT)).inScenario("token").whenScenarioStateIs(Scenario.STARTED)
			.willReturn(invalidToken())
			.willSetStateTo("refreshed"));
		server.stubFor(post(urlPathEqualTo(UPSERT)).inScenario("token").whenScenarioStateIs("refreshed")
			.willReturn(aResponse().withTransformers(ZohoStub.NAME)));

		JobExecution run = push();

		assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		server.verify(2, postRequestedFor(urlPathEqualTo(TOKEN)));
		server.verify(2, postRequestedFor(urlPathEqualTo(UPSERT)));
		server.verify(1, postRequestedFor(urlPathEqualTo(UPSERT))
			.withHeader("Authorization", equalTo("Zoho-oauthtoken 1000.access.2")));
		assertThat(said(run)).contains("3 created, 0 updated, 0 unchanged, 0 failed, in 1 requests");
	}

	@Test
	void stopsWhenTheFreshTokenIsRejectedToo() {
		contacts(3);
		server.stubFor(post(urlPathEqualTo(UPSERT)).willReturn(invalidToken()));

		JobExecution run = push();

		assertThat(run.getStatus()).isEqualTo(BatchStatus.FAILED);
		server.verify(2, postRequestedFor(urlPathEqualTo(TOKEN)));
		server.verify(2, postRequestedFor(urlPathEqualTo(UPSERT)));
		assertThat(store.count("crm_link")).isZero();
	}

	@Test
	void stopsWhenZohoWillNotIssueAToken() {
		server.variable("ZOHO_CLIENT_SECRET", "a-wrong-secret");
		contacts(3);

		JobExecution run = push();

		assertThat(run.getStatus()).isEqualTo(BatchStatus.FAILED);
		server.verify(1, postRequestedFor(urlPathEqualTo(TOKEN)));
		server.verify(0, postRequestedFor(urlPathEqualTo(UPSERT)));
		assertThat(store.count("crm_link")).isZero();
		// Zoho says only invalid_client when the client lives in another data centre: the run says where to look.
		assertThat(CrmPushFixture.said(run, "checkSchemas")).contains("invalid_client")
			.contains("set ZOHO_ACCOUNTS_URL").contains("https://accounts.zoho.com (US), .eu, .in");
	}

	@Test
	void waitsOutTooManyRequestsAndGoesOn() {
		contacts(3);
		server.stubFor(post(urlPathEqualTo(UPSERT)).inScenario("limit").whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(429).withHeader("Content-Type", "application/json")
				.withBody("{\"code\":\"TOO_MANY_REQUESTS\",\"details\":{},\"message\":\"concurrency limit exceeded\","
						+ "\"status\":\"error\"}"))
			.willSetStateTo("after"));
		server.stubFor(post(urlPathEqualTo(UPSERT)).inScenario("limit").whenScenarioStateIs("after")
			.willReturn(aResponse().withTransformers(ZohoStub.NAME)));

		JobExecution run = push();

		assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		server.verify(2, postRequestedFor(urlPathEqualTo(UPSERT)));
		server.verify(1, postRequestedFor(urlPathEqualTo(TOKEN)));
		assertThat(zoho.records()).hasSize(3);
		assertThat(said(run)).contains("3 created, 0 updated, 0 unchanged, 0 failed, in 1 requests");
	}

	@Test
	void sendsALockedRecordAgainAloneAndKeepsTheOthersAnswers() {
		contacts(3);
		zoho.lockOnce("visitor1@example.com");

		JobExecution run = push();

		assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		server.verify(2, postRequestedFor(urlPathEqualTo(UPSERT)));
		server.verify(1, postRequestedFor(urlPathEqualTo(UPSERT))
			.withRequestBody(matchingJsonPath("$.data.length()", equalTo("1")))
			.withRequestBody(matchingJsonPath("$.data[0].Email", equalTo("visitor1@example.com"))));
		assertThat(said(run)).contains("3 created, 0 updated, 0 unchanged, 0 failed, in 1 requests");
		assertThat(crmId("visitor1@example.com")).isEqualTo(zoho.id("visitor1@example.com"));
	}

	@Test
	void failsEveryRecordOfABatchWhoseResultsCannotBeMatched() {
		contacts(3);
		server.stubFor(post(urlPathEqualTo(UPSERT)).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"data\":[{\"code\":\"SUCCESS\",\"action\":\"insert\",\"status\":\"success\","
					+ "\"message\":\"record added\",\"details\":{\"id\":\"4150868000003194003\"}}]}")));

		JobExecution run = push();

		assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(said(run)).contains("0 created, 0 updated, 0 unchanged, 3 failed, in 1 requests");
		assertThat(store.jdbc().sql("select distinct status || ' ' || last_error from crm_link").query(String.class)
			.list()).containsExactly("failed NO_RESULT: Zoho's 1 results could not be matched to the 3 records sent");
	}

	@Test
	void writesTheRequestsInsteadOfSendingThemWithoutCredentials() throws Exception {
		System.clearProperty("ZOHO_REFRESH_TOKEN");
		contacts(3);

		JobExecution run = push();

		assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		server.verify(0, postRequestedFor(urlPathEqualTo(TOKEN)));
		server.verify(0, postRequestedFor(urlPathEqualTo(UPSERT)));
		assertThat(said(run)).contains("dry run: 3 records not sent (1 requests)");
		Path report = Path.of(said(run).replaceAll(".*their exact bodies in ", "").replaceAll(";.*", "").trim());
		assertThat(Files.readString(report)).contains("\"target\":\"zoho\"")
			.contains("\"duplicate_check_fields\":[\"Email\"]")
			.contains("\"trigger\":[]")
			.contains("\"Email\":\"visitor1@example.com\"");
		assertThat(store.count("crm_link")).isZero();
	}

	private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder invalidToken() {
		return aResponse().withStatus(401).withHeader("Content-Type", "application/json")
			.withBody("{\"code\":\"INVALID_TOKEN\",\"details\":{},\"message\":\"invalid oauth token\","
					+ "\"status\":\"error\"}");
	}

	private void contacts(int count) {
		pushes.visitors(count);
	}

	private String crmId(String email) {
		return pushes.crmId("zoho", email);
	}

	private JobExecution push() {
		return pushes.push("zoho");
	}

	private static String said(JobExecution run) {
		return CrmPushFixture.said(run, "pushContacts");
	}
}
