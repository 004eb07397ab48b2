package io.contactsync.jobs;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.function.Function;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.listener.JobExecutionListener;

/**
 * Fixes the instant a run works as of when it first starts, under {@code key} in its execution context, so that
 * a resumed run works as of the same instant as the uninterrupted one would have.
 *
 * @param asOf the instant for a first start, from the run's parameters
 */
public record AsOfFirstStart(String key, Function<JobParameters, Instant> asOf) implements JobExecutionListener {

	/** The job parameter that sets the instant; nightly-sync hands its own {@code asOf} to the jobs that take it. */
	public static final String PARAMETER = "asOf";

	/** As of the run's {@code asOf} parameter when it has one, else as of its first start. */
	public static AsOfFirstStart fromParameter(String key, Clock clock, ZoneId zone) {
		return new AsOfFirstStart(key, parameters -> parameters.getString(PARAMETER) == null ? clock.instant()
				: parse(parameters.getString(PARAMETER), zone));
	}

	/**
	 * Checks an {@code asOf} value: a date (its start in the service's zone) or an instant, not in the future, since
	 * no run may act on a moment that has not come (an erasure's grace period, a contact's quiet days).
	 */
	public static void check(Object value, Clock clock, ZoneId zone) throws InvalidJobParametersException {
		Instant asOf;
		try {
			asOf = parse(String.valueOf(value), zone);
		}
		catch (DateTimeException ex) {
			throw new InvalidJobParametersException("asOf must be a date like 2026-03-01 or an instant like"
					+ " 2026-03-01T02:00:00Z, not '" + value + "'.");
		}
		if (asOf.isAfter(clock.instant())) {
			throw new InvalidJobParametersException("asOf " + value + " is in the future; a run works as of now or"
					+ " an earlier moment.");
		}
	}

	@Override
	public void beforeJob(JobExecution execution) {
		if (!execution.getExecutionContext().containsKey(key)) {
			execution.getExecutionContext().putString(key, asOf.apply(execution.getJobParameters()).toString());
		}
	}

	private static Instant parse(String value, ZoneId zone) {
		return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(zone).toInstant() : Instant.parse(value);
	}
}
