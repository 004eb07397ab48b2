package io.contactsync.crm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.contactsync.support.ApplicationTest;
import io.contactsync.support.CrmPushFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

/** crm-push to HubSpot through the shipped mappings/hubspot.yml, against a stub that answers as HubSpot does. */
class CrmPushJobTests extends ApplicationTest {

	private static final String UPSERT = "/crm/v3/objects/contacts/batch/upsert";

	private static final String UPDATE = "/crm/v3/objects/contacts/batch/update";

	private static final HubSpotStub hubspot = new HubSpotStub();

	@RegisterExtension
	static final CrmStubServer server = new CrmStubServer(hubspot);

	@BeforeEach
	void credentialsAndAnEmptyStore() {
		server.hubspotCredentials();
		server.answer(post(urlPathEqualTo(UPSERT)), post(urlPathEqualTo(UPDATE)));
		hubspot.clear();
		store.clear();
		history.clearHistory();
	}

	@Test
	void sendsEveryContactOnceInFullBatchesAndRecordsItsHubSpotId() {
		contacts(150);

		JobExecution run = push();

		assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		server.verify(2, postRequestedFor(urlPathEqualTo(UPSERT))
			.withHeader("Authorization", equalTo("Bearer pat-na1-test-token")));
		server.verify(1, postRequestedFor(urlPathEqualTo(UPSERT)).withRequestBody(matchingJsonPath("$.inputs.length()",
				equalTo("100"))));
		assertThat(hubspot.records()).hasSize(150).containsKey("visitor7@example.com");
		assertThat(hubspot.records().get("visitor7@example.com")).containsEntry("email", "visitor7@example.com");
		assertThat(store.jdbc().sql("select count(*) from crm_link where target = 'hubspot' and status = 'synced' "
				+ "and crm_id is not null").query(Long.class).single()).isEqualTo(150);
		assertThat(said(run)).contains("150 created, 0 updated, 0 unchanged, 0 failed, in 2 requests");
	}

	@Test
	void sendsNothingTheSecondTimeAndOnlyWhatChangedAfterThat() {
		contacts(30);
		push();

		JobExecution second = push();
		assertThat(said(second)).contains("0 created, 0 updated, 30 unchanged, 0 failed, in 0 requests");

		store.jdbc().sql("update contact set name = 'Renamed Visitor' where email = 'visitor3@example.com'").update();
		JobExecution third = push();

		assertThat(said(third)).contains("0 created, 1 updated, 29 unchanged, 0 failed, in 1 requests");
		// Pushed before, so updated by the id HubSpot gave it rather than upserted by email.
		server.verify(1, postRequestedFor(urlPathEqualTo(UPDATE))
			.withRequestBody(matchingJsonPath("$.inputs.length()", equalTo("1")))
			.withRequestBody(matchingJsonPath("$.inputs[0].id", equalTo(hubspot.id("visitor3@example.com")))));
		assertThat(hubspot.records()).hasSize(30);
	}

	@Test
	void recordsARefusedContactAsFailedReportsItAndTriesItAgainNextRun() throws Exception {
		contacts(5);
		long refused = store.contact().name("Bad Address").email("someone@invalid").insert();

		JobExecution run = push();

		assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(said(run)).contains("5 created, 0 updated, 0 unchanged, 1 failed, in 1 requests");
		assertThat(store.jdbc().sql("select status || ' ' || last_error from crm_link where contact_id = :id")
			.param("id", refused).query(String.class).single()).startsWith("failed INVALID_EMAIL: ");
		Path report = Path.of(said(run).replaceAll(".*contacts failing: see ", "").trim());
		assertThat(Files.readAllLines(report)).containsExactly("contact_id,target,code,message",
				refused + ",hubspot,INVALID_EMAIL,\"Property values were not valid: [{\"\"isValid\"\":false,"
						+ "\"\"message\"\":\"\"Email address someone@invalid is invalid\"\",\"\"error\"\":"
						+ "\"\"INVALID_EMAIL\"\",\"\"name\"\":\"\"email\"\"}]\"");

		JobExecution again = push();
		assertThat(said(again)).contains("0 created, 0 updated, 5 unchanged, 1 failed, in 1 requests");
	}

	@Test
	void aFailedOnlyPushSendsTheContactsWhoseLastPushFailedAndNoOther() {
		contacts(5);
		long refused = store.contact().name("Bad Address").email("someone@invalid").insert();
		push();
		store.jdbc().sql("update contact set email = 'fixed@example.com' where id = :id").param("id", refused).update();
		store.jdbc().sql("update contact set name = 'Renamed Visitor' where email = 'visitor3@example.com'").update();

		JobExecution planned = jobs.run("crm-push", Map.of("target", "hubspot", "failedOnly", "true", "dryRun", "true"));
		assertThat(CrmPushFixture.said(planned, "plan"))
			.contains("hubspot plan: 1 to create, 0 to update, 0 unchanged, 0 refused, 0 to delete, 0 leaving scope");

		JobExecution retried = jobs.run("crm-push", Map.of("target", "hubspot", "failedOnly", "true"));

		assertThat(said(retried)).contains("1 created, 0 updated, 0 unchanged, 0 failed, in 1 requests");
		assertThat(hubspot.records()).containsKey("fixed@example.com");
		assertThat(hubspot.records().get("visitor3@example.com")).containsEntry("firstname", "Visitor");
		assertThat(said(push())).contains("0 created, 1 updated, 5 unchanged, 0 failed, in 1 requests");
	}

	@Test
	void refusesAFailedOnlyThatIsNotTrueOrFalseOrComesWithOnlyDeletions() {
		assertThatThrownBy(() -> jobs.run("crm-push", Map.of("failedOnly", "yes")))
			.hasMessageContaining("failedOnly must be true or false, not 'yes'.");
		assertThatThrownBy(() -> jobs.run("crm-push", Map.of("failedOnly", "true", "only", "deletions")))
			.hasMessageContaining("only=deletions pushes nothing, so failedOnly=true has nothing to narrow");
	}

	@Test
	void waitsOutARateLimitAndGoesOn() {
		contacts(3);
		server.stubFor(post(urlPathEqualTo(UPSERT)).inScenario("limit").whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(429).withHeader("Content-Type", "application/json")
				.withBody("{\"status\":\"error\",\"message\":\"You have reached your ten_secondly_rolling limit.\","
						+ "\"errorType\":\"RATE_LIMIT\",\"policyName\":\"TEN_SECONDLY_ROLLING\"}"))
			.willSetStateTo("after"));
		server.stubFor(post(urlPathEqualTo(UPSERT)).inScenario("limit").whenScenarioStateIs("after")
			.willReturn(aResponse().withTransformers(HubSpotStub.NAME)));

		JobExecution run = push();

		assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		server.verify(2, postRequestedFor(urlPathEqualTo(UPSERT)));
		assertThat(hubspot.records()).hasSize(3);
	}

	@Test
	void stopsOnTheDailyLimitWithoutRecordingTheBatchAsPushed() {
		contacts(3);
		server.stubFor(post(urlPathEqualTo(UPSERT)).willReturn(aResponse().withStatus(429)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"status\":\"error\",\"message\":\"You have reached your daily limit.\","
					+ "\"errorType\":\"RATE_LIMIT\",\"policyName\":\"DAILY\"}")));

		JobExecution run = push();

		assertThat(run.getStatus()).isEqualTo(BatchStatus.FAILED);
		server.verify(1, postRequestedFor(urlPathEqualTo(UPSERT)));
		assertThat(store.count("crm_link")).isZero();
	}

	@Test
	void writesTheRequestsInsteadOfSendingThemWithoutCredentials() throws Exception {
		System.clearProperty("HUBSPOT_ACCESS_TOKEN");
		contacts(3);

		JobExecution run = push();

		assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		server.verify(0, postRequestedFor(urlPathEqualTo(UPSERT)));
		assertThat(said(run)).contains("dry run: 3 records not sent (1 requests)");
		Path report = Path.of(said(run).replaceAll(".*their exact bodies in ", "").replaceAll(";.*", "").trim());
		assertThat(Files.readString(report)).contains("\"target\":\"hubspot\"").contains("\"idProperty\":\"email\"")
			.contains("\"id\":\"visitor1@example.com\"");
		assertThat(store.count("crm_link")).isZero();
	}

	private void contacts(int count) {
		pushes.visitors(count);
	}

	private JobExecution push() {
		return pushes.push("hubspot");
	}

	private static String said(JobExecution run) {
		return CrmPushFixture.said(run, "pushContacts");
	}
}
