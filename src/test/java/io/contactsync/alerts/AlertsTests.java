package io.contactsync.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import io.contactsync.alerts.AlertReceiver.Request;
import io.contactsync.jobs.RunEnded;
import io.contactsync.support.ApplicationTest;
import io.contactsync.support.MovableClock;
import io.contactsync.support.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Alerts as an operator sees them arrive, at a receiver on localhost that checks each webhook's signature: the
 * shipped jobs/alerts.yml with its destinations' variables pointing there. Runs that fail are real runs; a run's
 * counts and length are given as the job platform's {@link RunEnded} event, with history written into the job
 * repository, as making a real push fail 30 records in 110 or a run take 25 minutes would be slow.
 */
class AlertsTests extends ApplicationTest {

	private static final List<String> WEBHOOK_FIELDS = List.of("event", "job", "execution_id", "status",
			"started_at", "ended_at", "duration_seconds", "expected_at", "counts", "link", "reason");

	@RegisterExtension
	final AlertReceiver receiver = new AlertReceiver();

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	MissedRunCheck missedRuns;

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

		Request webhook = receiver.await(1, webhook(failed.getId())).get(0);
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
		assertThat(receiver.after(Duration.ofMillis(300), webhook(failed.getId()))).hasSize(1);
	}

	@Test
	void aFailedNightlySyncSendsOneAlertForTheFlowNamingItsFailedStep() throws Exception {
		history.failWritesBeyond(0);
		JobExecution flow = jobs.run("nightly-sync", Map.of("capture-import.input", "samples"));
		assertThat(flow.getStatus()).isEqualTo(BatchStatus.FAILED);
		long importRun = jdbc.sql("select e.job_execution_id from batch_job_execution e join batch_job_instance i"
				+ " on i.job_instance_id = e.job_instance_id where i.job_name = 'capture-import'")
			.query(Long.class).single();

		JsonNode alert = json.readTree(receiver.await(1, webhook(flow.getId())).get(0).body());

		assertThat(alert.get("job").asString()).isEqualTo("nightly-sync");
		assertThat(alert.get("reason").asString()).contains("(capture-import FAILED)");
		assertThat(receiver.after(Duration.ofMillis(300), webhook(importRun))).as("the step's own run").isEmpty();
	}

	@Test
	void aReceiverThatFailsTwiceGetsTheAlertOnTheThirdTryAndTheRunStaysAsItEnded() throws Exception {
		receiver.answerWebhook(500, 500);
		history.failWritesBeyond(0);
		JobExecution failed = jobs.run("generate", Map.of("contacts", "5"));

		List<Request> tries = receiver.await(3, webhook(failed.getId()));

		assertThat(tries).hasSize(3).allSatisfy(attempt -> assertThat(attempt.signatureValid()).isTrue());
		assertThat(tries).extracting(Request::delivery).containsOnly(tries.get(0).delivery());
		assertThat(receiver.after(Duration.ofMillis(300), webhook(failed.getId()))).as("no fourth try").hasSize(3);
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
		assertThat(receiver.await(1, webhook(failed.getId()))).hasSize(1);
	}

	@Test
	void aFailedShareOverTheThresholdAlertsAndOneUnderItDoesNot() throws Exception {
		// 20 of 115 tried is 17%: under 0.2. Unchanged records were not sent and do not count.
		events.publishEvent(push(880_001, Map.of("created", 90L, "updated", 5L, "unchanged", 900L, "failed", 20L)));
		// 30 of 110 is 27%.
		events.publishEvent(push(880_002, Map.of("created", 70L, "updated", 10L, "unchanged", 5L, "failed", 30L)));

		JsonNode over = json.readTree(receiver.await(1, webhook(880_002L)).get(0).body());

		assertThat(over.get("event").asString()).isEqualTo("failed-share");
		assertThat(over.get("reason").asString())
			.isEqualTo("run 880002: 30 of 110 records failed (27.3%), more than the threshold of 20%");
		assertThat(over.get("counts").get("failed").asLong()).isEqualTo(30);
		assertThat(receiver.after(Duration.ofMillis(300), webhook(880_001L))).isEmpty();
	}

	@Test
	void aMissedScheduledRunAlertsOnceAndAgainForTheNextMissedOne() throws Exception {
		// nightly-sync runs at 02:00 UTC (jobs/nightly-sync.yml); it last ran two days before the test's noon.
		RunHistory past = new RunHistory(jdbc);
		past.run("nightly-sync", Instant.parse("2025-08-20T02:00:00Z"), Duration.ofMinutes(20), "COMPLETED");

		List<Alert> first = new ArrayList<>(missedRuns.check());
		first.addAll(missedRuns.check());

		assertThat(first).extracting(Alert::job).containsOnlyOnce("nightly-sync");
		JsonNode missed = json.readTree(receiver.await(1, missed("nightly-sync")).get(0).body());
		assertThat(missed.get("expected_at").asString()).isEqualTo("2025-08-22T02:00:00Z");
		assertThat(missed.get("status").asString()).isEqualTo("MISSED");
		assertThat(missed.get("execution_id").isNull()).isTrue();
		assertThat(missed.get("reason").asString()).isEqualTo("the run due at 2025-08-22T02:00:00Z (0 0 2 * * *, UTC)"
				+ " has not started 10h 00m later; last launched at 2025-08-20T02:00:00Z");

		clock.advance(Duration.ofDays(1));
		missedRuns.check();
		assertThat(receiver.await(2, missed("nightly-sync"))).extracting(request -> json.readTree(request.body())
			.get("expected_at").asString()).containsExactly("2025-08-22T02:00:00Z", "2025-08-23T02:00:00Z");
	}

	@Test
	void aScheduledRunThatStartedInItsGracePeriodIsNotMissed() throws Exception {
		new RunHistory(jdbc).run("nightly-sync", Instant.parse("2025-08-22T02:10:00Z"), Duration.ofMinutes(20),
				"COMPLETED");

		assertThat(missedRuns.check()).extracting(Alert::job).doesNotContain("nightly-sync");
	}

	@Test
	void aRunMuchLongerThanItsMedianAlertsOnlyWithEnoughHistory() throws Exception {
		RunHistory past = new RunHistory(jdbc);
		for (int day = 1; day <= 5; day++) {
			past.run("dedup", TestClock.NOW.minus(Duration.ofDays(day)), Duration.ofMinutes(10), "COMPLETED");
		}
		for (int day = 1; day <= 4; day++) {
			past.run("lead-scoring", TestClock.NOW.minus(Duration.ofDays(day)), Duration.ofMinutes(10), "COMPLETED");
		}
		events.publishEvent(completed(880_011, "dedup", Duration.ofMinutes(15)));
		events.publishEvent(completed(880_012, "lead-scoring", Duration.ofMinutes(25)));
		events.publishEvent(completed(880_013, "dedup", Duration.ofMinutes(25)));

		JsonNode slow = json.readTree(receiver.await(1, webhook(880_013L)).get(0).body());

		assertThat(slow.get("event").asString()).isEqualTo("slow-run");
		assertThat(slow.get("duration_seconds").asDouble()).isEqualTo(1500.0);
		assertThat(slow.get("reason").asString())
			.isEqualTo("run 880013 took 25m 00s, more than 2× the median of 10m 00s over its last 5 completed runs");
		// 15 minutes is under twice the median; lead-scoring has four runs of history, not five.
		assertThat(receiver.after(Duration.ofMillis(300), webhook(880_011L).or(webhook(880_012L)))).isEmpty();
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
			assertThat(receiver.after(Duration.ofMillis(300), webhook(push.getId()))).isEmpty();
		}
		finally {
			context.removeApplicationListener(listener);
		}
	}

	private static RunEnded push(long id, Map<String, Long> counts) {
		return new RunEnded(id, "crm-push", null, "COMPLETED", TestClock.NOW.minusSeconds(120), TestClock.NOW,
				List.of(new RunEnded.StepEnded("pushContacts", "COMPLETED")), counts);
	}

	private static RunEnded completed(long id, String job, Duration took) {
		return new RunEnded(id, job, null, "COMPLETED", TestClock.NOW.minus(took), TestClock.NOW,
				List.of(new RunEnded.StepEnded(job, "COMPLETED")), Map.of("read", 10L));
	}

	private Predicate<Request> webhook(long executionId) {
		return request -> request.path().equals("/webhook")
				&& json.readTree(request.body()).get("execution_id").asLong(-1) == executionId;
	}

	private Predicate<Request> missed(String job) {
		return request -> request.path().equals("/webhook") && "missed-run".equals(request.event())
				&& json.readTree(request.body()).get("job").asString().equals(job);
	}

	private static Predicate<Request> slack(String job) {
		return request -> request.path().equals("/slack") && request.body().contains("\"text\":\"" + job + ":");
	}
}
