package io.contactsync.jobs;

import java.util.List;

import org.springframework.batch.core.job.AbstractJob;
import org.springframework.batch.core.job.Job;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Gives every job the listeners that all jobs share (the running-jobs register, metrics, the log, the
 * {@link RunEnded} event other modules observe runs by), so that a new job's
 * configuration cannot forget them.
 */
@Component
class JobListenerRegistration implements SmartInitializingSingleton {

	private final List<Job> jobs;

	private final RunningJobs runningJobs;

	private final JobMetrics metrics;

	private final JobLog log;

	private final RunEvents events;

	JobListenerRegistration(List<Job> jobs, RunningJobs runningJobs, JobMetrics metrics, JobLog log,
			RunEvents events) {
		this.jobs = jobs;
		this.runningJobs = runningJobs;
		this.metrics = metrics;
		this.log = log;
		this.events = events;
	}

	@Override
	public void afterSingletonsInstantiated() {
		for (Job job : jobs) {
			if (job instanceof AbstractJob abstractJob) {
				abstractJob.registerJobExecutionListener(runningJobs);
				abstractJob.registerJobExecutionListener(metrics);
				abstractJob.registerJobExecutionListener(log);
				abstractJob.registerJobExecutionListener(events);
			}
		}
		metrics.register(jobs.stream().map(Job::getName).toList());
	}
}
