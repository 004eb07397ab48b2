package io.contactsync.alerts;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What {@code jobs/alerts.yml} says: where alerts go and when they fire.
 *
 * @param destinations where alerts go; one whose environment variable is unset is off
 */
record AlertRules(List<Destination> destinations, RunFailed runFailed, FailedShare failedShare, MissedRun missedRun,
		SlowRun slowRun) {

	enum Kind {
		SLACK, WEBHOOK
	}

	/**
	 * A place alerts go. The file names only environment variables: a URL can hold a token (Slack's do) and a
	 * policy file is committed to version control.
	 *
	 * @param secretEnv the variable with the webhook's signing secret; null for Slack
	 */
	record Destination(String name, Kind kind, String urlEnv, String secretEnv) {
	}

	/** A run (not a step of nightly-sync: the flow's own alert names its failed step) ends FAILED or STOPPED. */
	record RunFailed(boolean enabled) {
	}

	/**
	 * A run's failed records are more than {@code threshold} of those it tried to write, once it tried at least
	 * {@code minRecords} (a share of three records says little).
	 */
	record FailedShare(boolean enabled, double threshold, int minRecords) {
	}

	/** A schedule's fire time passed {@code grace} ago and no run of its job was launched since. */
	record MissedRun(boolean enabled, Duration grace) {
	}

	/**
	 * A completed run took more than {@code factor} times the median of the job's last {@code history} completed
	 * runs, once there are at least {@code minHistory} of them, and at least {@code minDuration}.
	 */
	record SlowRun(boolean enabled, double factor, int history, int minHistory, Duration minDuration) {
	}

	AlertRules {
		destinations = List.copyOf(destinations);
	}

	/** What {@code run validate} says the file sets. */
	String summary() {
		String to = destinations.isEmpty() ? "no destinations"
				: destinations.stream().map(d -> d.name() + " (" + d.kind().name().toLowerCase() + ")")
					.collect(Collectors.joining(", "));
		return String.format("alerts to %s; run-failed %s; failed-share %s (over %d%% of at least %d records);"
				+ " missed-run %s (after %d minutes); slow-run %s (over %s× the median of the last %d runs)", to,
				on(runFailed.enabled()), on(failedShare.enabled()), Math.round(failedShare.threshold() * 100),
				failedShare.minRecords(), on(missedRun.enabled()), missedRun.grace().toMinutes(),
				on(slowRun.enabled()), slowRun.factor(), slowRun.history());
	}

	private static String on(boolean enabled) {
		return enabled ? "on" : "off";
	}
}
