package io.contactsync.jobs;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.stereotype.Component;

/**
 * The job executions running in this process, live: their step executions' counts move as chunks commit, which
 * is what the progress line shows and what a shutdown stops. Runs on other instances are in the job repository.
 */
@Component
public class RunningJobs implements JobExecutionListener {

	private final Map<Long, JobExecution> running = new ConcurrentHashMap<>();

	private final AtomicInteger commands = new AtomicInteger();

	@Override
	public void beforeJob(JobExecution execution) {
		running.put(execution.getId(), execution);
	}

	@Override
	public void afterJob(JobExecution execution) {
		running.remove(execution.getId());
	}

	public List<JobExecution> now() {
		return running.values().stream().sorted((a, b) -> Long.compare(a.getId(), b.getId())).toList();
	}

	/**
	 * Marks a command that runs a job and then reports it from the database; a shutdown waits for the report too.
	 * @return what ends the mark
	 */
	public Mark command() {
		commands.incrementAndGet();
		return commands::decrementAndGet;
	}

	/** An {@link AutoCloseable} whose close cannot fail, for try-with-resources without a catch. */
	@FunctionalInterface
	public interface Mark extends AutoCloseable {

		@Override
		void close();
	}

	/** Whether nothing of this process still needs the database for a run: no run, no report in the making. */
	public boolean isIdle() {
		return running.isEmpty() && commands.get() == 0;
	}
}
