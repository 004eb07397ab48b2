package io.contactsync.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.contactsync.jobs.RunEnded;
import io.contactsync.support.ApplicationTest;
import io.contactsync.support.MovableClock;
import io.contactsync.support.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The rules of the shipped jobs/alerts.yml, each just past its threshold and just short of it, as alerts reaching
 * the receiver. A run's counts and length come as the job platform's {@link RunEnded} event, with past runs written
 * into the job repository: making a real push fail 30 records in 110, or a run take 25 minutes, would be slow. The
 * missed-run check is run by hand, against the test clock.
 */
class RuleAlertsTests extends ApplicationTest {

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

	@BeforeEach
	void emptyHistory() {
		history.clearHistory();
	}

	@AfterEach
	void clockBack() {
		clock.reset();
	}

	@Test
	void aFailedShareOverTheThresholdAlertsAndOneUnderItDoesNot() throws Exception {
		// 20 of 115 tried is 17%: under 0.2. Unchanged records were not sent and do not count.
		events.publishEvent(push(880_001, Map.of("created", 90L, "updated", 5L, "unchanged", 900L, "failed", 20L)));
		// 30 of 110 is 27%.
		events.publishEvent(push(880_002, Map.of("created", 70L, "updated", 10L, "unchanged", 5L, "failed", 30L)));

		JsonNode over = json.readTree(receiver.await(1, receiver.webhook(880_002L)).get(0).body());

		assertThat(over.get("event").asString()).isEqualTo("failed-share");
		assertThat(over.get("reason").asString())
			.isEqualTo("run 880002: 30 of 110 records failed (27.3%), more than the threshold of 20%");
		assertThat(over.get("counts").get("failed").asLong()).isEqualTo(30);
		assertThat(receiver.after(Duration.ofMillis(300), receiver.webhook(880_001L))).isEmpty();
	}

	@Test
	void aMissedScheduledRunAlertsOnceAndAgainForTheNextMissedOne() throws Exception {
		// nightly-sync runs at 02:00 UTC (jobs/nightly-sync.yml); it last ran two days before the test's noon.
		RunHistory past = new RunHistory(jdbc);
		past.run("nightly-sync", Instant.parse("2025-08-20T02:00:00Z"), Duration.ofMinutes(20), "COMPLETED");

		List<Alert> first = new ArrayList<>(missedRuns.check());
		first.addAll(missedRuns.check());

		assertThat(first).extracting(Alert::job).containsOnlyOnce("nightly-sync");
		JsonNode missed = json.readTree(receiver.await(1, receiver.missedRun("nightly-sync")).get(0).body());
		assertThat(missed.get("expected_at").asString()).isEqualTo("2025-08-22T02:00:00Z");
		assertThat(missed.get("status").asString()).isEqualTo("MISSED");
		assertThat(missed.get("execution_id").isNull()).isTrue();
		assertThat(missed.get("reason").asString()).isEqualTo("the run due at 2025-08-22T02:00:00Z (0 0 2 * * *, UTC)"
				+ " has not started 10h 00m later; last launched at 2025-08-20T02:00:00Z");

		clock.advance(Duration.ofDays(1));
		missedRuns.check();
		assertThat(receiver.await(2, receiver.missedRun("nightly-sync"))).extracting(request -> json.readTree(request.body())
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

		JsonNode slow = json.readTree(receiver.await(1, receiver.webhook(880_013L)).get(0).body());

		assertThat(slow.get("event").asString()).isEqualTo("slow-run");
		assertThat(slow.get("duration_seconds").asDouble()).isEqualTo(1500.0);
		assertThat(slow.get("reason").asString())
			.isEqualTo("run 880013 took 25m 00s, more than 2× the median of 10m 00s over its last 5 completed runs");
		// 15 minutes is under twice the median; lead-scoring has four runs of history, not five.
		assertThat(receiver.after(Duration.ofMillis(300), receiver.webhook(880_011L).or(receiver.webhook(880_012L))))
			.isEmpty();
	}

	private static RunEnded push(long id, Map<String, Long> counts) {
		return new RunEnded(id, "crm-push", null, "COMPLETED", TestClock.NOW.minusSeconds(120), TestClock.NOW,
				List.of(new RunEnded.StepEnded("pushContacts", "COMPLETED")), counts);
	}

	private static RunEnded completed(long id, String job, Duration took) {
		return new RunEnded(id, job, null, "COMPLETED", TestClock.NOW.minus(took), TestClock.NOW,
				List.of(new RunEnded.StepEnded(job, "COMPLETED")), Map.of("read", 10L));
	}

}
