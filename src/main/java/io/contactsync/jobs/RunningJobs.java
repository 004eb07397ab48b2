package io.contactsync.jobs;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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

	public boolean isEmpty() {
		return running.isEmpty();
	}
}
