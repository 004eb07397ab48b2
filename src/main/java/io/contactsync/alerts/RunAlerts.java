package io.contactsync.alerts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.contactsync.alerts.Alert.Type;
import io.contactsync.jobs.JobRuns;
import io.contactsync.jobs.RunEnded;
import org.springframework.context.event.EventListener;

/**
 * The rules of jobs/alerts.yml that judge a run as it ends: failed or stopped, a failed share over the threshold,
 * much slower than usual. The job's thread only hands the event over; the rules (one of them reads run history)
 * run on the sender's threads.
 */
class RunAlerts {

	private final AlertRules rules;

	private final JobRuns runs;

	private final AlertSender sender;

	private final String dashboard;

	RunAlerts(AlertRules rules, JobRuns runs, AlertSender sender, AlertsProperties properties) {
		this.rules = rules;
		this.runs = runs;
		this.sender = sender;
		this.dashboard = properties.dashboardUrl().toString().replaceAll("/+$", "");
	}

	@EventListener
	void ended(RunEnded run) {
		sender.sendLater(run.job() + " execution " + run.executionId(), () -> alerts(run));
	}

	List<Alert> alerts(RunEnded run) {
		List<Alert> alerts = new ArrayList<>();
		boolean failed = run.status().equals("FAILED") || run.status().equals("STOPPED");
		// A step of nightly-sync failing fails the flow too, whose alert names the step: one alert for one night.
		if (rules.runFailed().enabled() && failed && !run.insideFlow()) {
			alerts.add(alert(run, Type.RUN_FAILED, "run " + run.executionId() + " ended " + run.status() + " after "
					+ Alert.humanDuration(run.duration()) + failedSteps(run)));
		}
		if (rules.failedShare().enabled()) {
			failedShare(run).ifPresent(alerts::add);
		}
		if (rules.slowRun().enabled() && run.status().equals("COMPLETED")) {
			slow(run).ifPresent(alerts::add);
		}
		return alerts;
	}

	private static String failedSteps(RunEnded run) {
		List<String> steps = run.steps().stream().filter(step -> !step.status().equals("COMPLETED"))
			.map(step -> step.name() + " " + step.status()).toList();
		return steps.isEmpty() ? "" : " (" + String.join(", ", steps) + ")";
	}

	/**
	 * Failed over what the run tried to write: created, updated, failed, and in a dry run what it would have sent.
	 * Unchanged records are left out: they were not sent, and a thousand of them would hide a CRM refusing every
	 * record that was.
	 */
	private Optional<Alert> failedShare(RunEnded run) {
		Map<String, Long> counts = run.counts();
		if (!counts.containsKey("failed")) {
			return Optional.empty();
		}
		long failed = counts.get("failed");
		long tried = failed + counts.getOrDefault("created", 0L) + counts.getOrDefault("updated", 0L)
				+ counts.getOrDefault("would_send", 0L);
		AlertRules.FailedShare rule = rules.failedShare();
		if (tried < rule.minRecords() || (double) failed / tried <= rule.threshold()) {
			return Optional.empty();
		}
		return Optional.of(alert(run, Type.FAILED_SHARE, String.format("run %d: %d of %d records failed"
				+ " (%s), more than the threshold of %s", run.executionId(), failed, tried,
				percent((double) failed / tried), percent(rule.threshold()))));
	}

	private Optional<Alert> slow(RunEnded run) {
		AlertRules.SlowRun rule = rules.slowRun();
		Duration took = run.duration();
		if (took.compareTo(rule.minDuration()) < 0) {
			return Optional.empty();
		}
		List<Duration> history = runs.completedDurations(run.job(), rule.history(), run.executionId());
		if (history.size() < rule.minHistory()) {
			return Optional.empty();
		}
		Duration median = median(history);
		if (took.toMillis() <= median.toMillis() * rule.factor()) {
			return Optional.empty();
		}
		return Optional.of(alert(run, Type.SLOW_RUN, String.format("run %d took %s, more than %s× the"
				+ " median of %s over its last %d completed runs", run.executionId(), Alert.humanDuration(took),
				trim(rule.factor()), Alert.humanDuration(median), history.size())));
	}

	static Duration median(List<Duration> durations) {
		List<Duration> sorted = durations.stream().sorted().toList();
		int middle = sorted.size() / 2;
		return sorted.size() % 2 == 1 ? sorted.get(middle) : sorted.get(middle - 1).plus(sorted.get(middle)).dividedBy(2);
	}

	private Alert alert(RunEnded run, Type type, String reason) {
		return new Alert(type, run.job(), run.executionId(), run.status(), run.started(), run.ended(), run.duration(),
				run.counts(), null, reason, dashboard + "/executions/" + run.executionId());
	}

	private static String percent(double share) {
		return trim(Math.round(share * 1000) / 10.0) + "%";
	}

	private static String trim(double value) {
		return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
	}
}
