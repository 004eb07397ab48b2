package io.contactsync.jobs;

import java.time.Instant;
import java.util.function.Function;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.listener.JobExecutionListener;

/**
 * Fixes the instant a run works as of when it first starts, under {@code key} in its execution context, so that
 * a resumed run works as of the same instant as the uninterrupted one would have.
 *
 * @param asOf the instant for a first start, from the run's parameters
 */
public record AsOfFirstStart(String key, Function<JobParameters, Instant> asOf) implements JobExecutionListener {

	@Override
	public void beforeJob(JobExecution execution) {
		if (!execution.getExecutionContext().containsKey(key)) {
			execution.getExecutionContext().putString(key, asOf.apply(execution.getJobParameters()).toString());
		}
	}
}
