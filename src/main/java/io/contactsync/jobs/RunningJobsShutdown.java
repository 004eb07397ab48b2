package io.contactsync.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * On SIGTERM (or any orderly shutdown) the runs of this process are asked to stop at their next chunk boundary
 * and waited for, before the database goes away: they end STOPPED, with their position saved, and resume from
 * there when run again. A step that cannot stop in time (one long SQL statement) is left as a dead run, which the
 * next launch recovers.
 */
@Component
class RunningJobsShutdown implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(RunningJobsShutdown.class);

	private final RunningJobs running;

	private final RunStop runStop;

	private final JobRepository repository;

	private final Duration timeout;

	private volatile boolean started;

	RunningJobsShutdown(RunningJobs running, RunStop runStop, JobRepository repository,
			JobPlatformProperties properties) {
		this.running = running;
		this.runStop = runStop;
		this.repository = repository;
		this.timeout = properties.stopTimeout();
	}

	@Override
	public void start() {
		started = true;
	}

	@Override
	public void stop() {
		started = false;
		List<JobExecution> executions = running.now();
		for (JobExecution execution : executions) {
			log.info("Stopping {} (execution {}) for shutdown; run it again to resume", execution.getJobInstance()
				.getJobName(), execution.getId());
			runStop.request(execution.getId());
		}
		awaitEnd(executions.stream().map(JobExecution::getId).toList(), Instant.now().plus(timeout));
	}

	/** Until the repository holds each run's end, which the run's thread writes after its last listener. */
	private void awaitEnd(List<Long> ids, Instant deadline) {
		while (Instant.now().isBefore(deadline)) {
			boolean ended = running.isIdle() && ids.stream()
				.map(repository::getJobExecution)
				.allMatch(execution -> execution == null || !execution.isRunning());
			if (ended) {
				return;
			}
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
		log.warn("Job runs did not stop within {}; they will be recovered and resumed at the next launch", timeout);
	}

	@Override
	public boolean isRunning() {
		return started;
	}

	/** Stopped before everything else, while the database and the web server still serve the runs. */
	@Override
	public int getPhase() {
		return Integer.MAX_VALUE;
	}
}
