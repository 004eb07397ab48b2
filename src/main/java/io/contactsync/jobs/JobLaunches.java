package io.contactsync.jobs;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.integration.launch.JobLaunchRequest;

/** The way into the job-launch channel from Java (the schedule), beside the HTTP trigger's. */
public interface JobLaunches {

	JobExecution launch(JobLaunchRequest request);
}
