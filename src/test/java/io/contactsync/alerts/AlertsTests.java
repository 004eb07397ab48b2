package io.contactsync.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import io.contactsync.alerts.AlertReceiver.Request;
import io.contactsync.jobs.RunEnded;
import io.contactsync.support.ApplicationTest;
import io.contactsync.support.MovableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Alerts of real runs as an operator sees them arrive, at a receiver on localhost that checks each webhook's
 * signature: the shipped jobs/alerts.yml with its destinations' variables pointing there. What is in them, and
 * that delivering them (retried, or never answered) leaves the run alone. The rules' thresholds are
 * {@link RuleAlertsTests}'.
 */
class AlertsTests extends ApplicationTest {

	private static final List<String> WEBHOOK_FIELDS = List.of("event", "job", "execution_id", "status",
			"started_at", "ended_at", "duration_seconds", "expected_at", "counts", "link", "reason");

	@RegisterExtension
	final AlertReceiver receiver = new AlertReceiver();

	@Autowired
	MovableClock clock;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ConfigurableApplicationContext context;

	@BeforeEach
	void emptyStoreAndHistory() {
		store.clear();
		history.clearHistory();
	}

	@AfterEach
	void healed() {
		history.stopFailing();
		clock.reset();
	}

	@Test
	void aFailedRunSendsOneSignedAlertToEachDestinationWithoutPersonalData() throws Exception {
		history.failWritesBeyond(0);
		JobExecution failed = jobs.run("capture-import", Map.of("input", "samples"));
		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);

		Request webhook = receiver.await(1, receiver.webhook(failed.getId())).get(0);
		Request slack = receiver.await(1, slack("capture-import")).get(0);

		assertThat(webhook.signatureValid()).as("signature").isTrue();
		assertThat(Math.abs(Long.parseLong(webhook.timestamp()) - clock.instant().getEpochSecond())).isLessThan(300);
		JsonNode body = json.readTree(webhook.body());
		assertThat(body.propertyNames()).containsExactlyElementsOf(WEBHOOK_FIELDS);
		assertThat(body.get("event").asString()).isEqualTo("run-failed");
		assertThat(body.get("job").asString()).isEqualTo("capture-import");
		assertThat(body.get("status").asString()).isEqualTo("FAILED");
		assertThat(body.get("link").asString()).isEqualTo("http://localhost:8080/executions/" + failed.getId());
		assertThat(body.get("reason").asString()).startsWith("run " + failed.getId() + " ended FAILED after ");
		assertThat(body.get("duration_seconds").asDouble()).isGreaterThanOrEqualTo(0);
		// The samples' people, the failure's own words (which could quote a row) and the run's parameters.
		for (Request request : List.of(webhook, slack)) {
			assertThat(request.body()).doesNotContain("Olivia", "Bennett", "Mason", "Harper", "@", "+44", "simulated",
					"samples");
		}
		assertThat(json.readTree(slack.body()).get("text").asString()).startsWith("capture-import: run "
				+ failed.getId() + " ended FAILED");
		assertThat(slack.signatureValid()).as("Slack gets no signature").isFalse();
		assertThat(receiver.after(Duration.ofMillis(300), receiver.webhook(failed.getId()))).hasSize(1);
	}

	@Test
	void aFailedNightlySyncSendsOneAlertForTheFlowNamingItsFailedStep() throws Exception {
		history.failWritesBeyond(0);
		JobExecution flow = jobs.run("nightly-sync", Map.of("capture-import.input", "samples"));
		assertThat(flow.getStatus()).isEqualTo(BatchStatus.FAILED);
		long importRun = jdbc.sql("select e.job_execution_id from batch_job_execution e join batch_job_instance i"
				+ " on i.job_instance_id = e.job_instance_id where i.job_name = 'capture-import'")
			.query(Long.class).single();

		JsonNode alert = json.readTree(receiver.await(1, receiver.webhook(flow.getId())).get(0).body());

		assertThat(alert.get("job").asString()).isEqualTo("nightly-sync");
		assertThat(alert.get("reason").asString()).contains("(capture-import FAILED)");
		assertThat(receiver.after(Duration.ofMillis(300), receiver.webhook(importRun))).as("the step's own run").isEmpty();
	}

	@Test
	void aReceiverThatFailsTwiceGetsTheAlertOnTheThirdTryAndTheRunStaysAsItEnded() throws Exception {
		receiver.answerWebhook(500, 500);
		history.failWritesBeyond(0);
		JobExecution failed = jobs.run("generate", Map.of("contacts", "5"));

		List<Request> tries = receiver.await(3, receiver.webhook(failed.getId()));

		assertThat(tries).hasSize(3).allSatisfy(attempt -> assertThat(attempt.signatureValid()).isTrue());
		assertThat(tries).extracting(Request::delivery).containsOnly(tries.get(0).delivery());
		assertThat(receiver.after(Duration.ofMillis(300), receiver.webhook(failed.getId()))).as("no fourth try").hasSize(3);
		// As the run ended, so it stays in the job repository: the failed deliveries changed nothing of it.
		JobExecution stored = jobs.execution(failed.getId());
		assertThat(stored.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(stored.getExitStatus().getExitCode()).isEqualTo("FAILED");
		assertThat(stored.getEndTime()).isCloseTo(failed.getEndTime(), within(1, ChronoUnit.MILLIS));
	}

	@Test
	void aReceiverThatNeverAnswersDoesNotHoldUpTheRunsEnd() throws Exception {
		receiver.answerWebhook(AlertReceiver.HANG);
		history.failWritesBeyond(0);
		long start = System.nanoTime();
		JobExecution failed = jobs.run("generate", Map.of("contacts", "5"));
		Duration took = Duration.ofNanos(System.nanoTime() - start);

		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		// The sender waits 3 s for an answer (application-test.yml) and the receiver holds the request longer.
		assertThat(took).isLessThan(Duration.ofSeconds(3));
		assertThat(receiver.await(1, receiver.webhook(failed.getId()))).hasSize(1);
	}

	@Test
	void aCrmPushHandsItsRecordCountsToTheAlerts() throws Exception {
		List<RunEnded> ended = new CopyOnWriteArrayList<>();
		ApplicationListener<PayloadApplicationEvent<RunEnded>> listener = event -> ended.add(event.getPayload());
		context.addApplicationListener(listener);
		try {
			pushes.visitors(25);
			// No HubSpot credentials here: a dry run, whose 25 records count as tried and none as failed.
			JobExecution push = pushes.push("hubspot");

			RunEnded run = ended.stream().filter(event -> event.executionId() == push.getId()).findFirst().orElseThrow();
			assertThat(run.job()).isEqualTo("crm-push");
			assertThat(run.counts()).containsEntry("would_send", 25L).containsEntry("failed", 0L)
				.containsEntry("created", 0L);
			assertThat(receiver.after(Duration.ofMillis(300), receiver.webhook(push.getId()))).isEmpty();
		}
		finally {
			context.removeApplicationListener(listener);
		}
	}

	private static Predicate<Request> slack(String job) {
		return request -> request.path().equals("/slack") && request.body().contains("\"text\":\"" + job + ":");
	}
}
