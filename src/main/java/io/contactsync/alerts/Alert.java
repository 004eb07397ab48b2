package io.contactsync.alerts;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * One alert, as every destination gets it. It holds job names, ids, statuses, times and counts only: never a
 * contact's name, email, phone or message, nor a parameter's value or a failure's message, which could quote one.
 *
 * @param executionId the run, or null for a missed run (none started)
 * @param expectedAt  for a missed run, the fire time that had no run; otherwise null
 * @param reason      a short sentence for people, made of the fields above
 * @param link        the run's (or, for a missed run, the job's) page on the dashboard
 */
record Alert(Type type, String job, Long executionId, String status, Instant startedAt, Instant endedAt,
		Duration duration, Map<String, Long> counts, Instant expectedAt, String reason, String link) {

	enum Type {
		RUN_FAILED("run-failed"), FAILED_SHARE("failed-share"), MISSED_RUN("missed-run"), SLOW_RUN("slow-run");

		private final String code;

		Type(String code) {
			this.code = code;
		}

		/** The name receivers see in {@code event} and the file's rule of the same name. */
		String code() {
			return code;
		}
	}

	Alert {
		counts = Map.copyOf(counts);
	}

	/** How the log names the alert: never more than these ids. */
	String describe() {
		return type.code() + " of " + job + (executionId == null ? "" : " (execution " + executionId + ")");
	}

	/** 1h 02m, 3m 05s, 12s: how people read a run's length. */
	static String humanDuration(Duration duration) {
		long seconds = duration.toSeconds();
		if (seconds >= 3600) {
			return String.format("%dh %02dm", seconds / 3600, seconds % 3600 / 60);
		}
		if (seconds >= 60) {
			return String.format("%dm %02ds", seconds / 60, seconds % 60);
		}
		return seconds > 0 ? seconds + "s" : duration.toMillis() + "ms";
	}
}
