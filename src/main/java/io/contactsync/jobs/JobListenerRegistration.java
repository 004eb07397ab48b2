package io.contactsync.jobs;

import java.util.List;

import org.springframework.batch.core.job.AbstractJob;
import org.springframework.batch.core.job.Job;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Gives every job the listeners that all jobs share (the running-jobs register, metrics), so that a new job's
 * configuration cannot forget them.
 */
@Component
class JobListenerRegistration implements SmartInitializingSingleton {

	private final List<Job> jobs;

	private final RunningJobs runningJobs;

	private final JobMetrics metrics;

	JobListenerRegistration(List<Job> jobs, RunningJobs runningJobs, JobMetrics metrics) {
		this.jobs = jobs;
		this.runningJobs = runningJobs;
		this.metrics = metrics;
	}

	@Override
	public void afterSingletonsInstantiated() {
		for (Job job : jobs) {
			if (job instanceof AbstractJob abstractJob) {
				abstractJob.registerJobExecutionListener(runningJobs);
				abstractJob.registerJobExecutionListener(metrics);
			}
		}
		metrics.register(jobs.stream().map(Job::getName).toList());
	}
}
