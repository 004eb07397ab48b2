package io.contactsync.jobs;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.integration.launch.JobLaunchRequest;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.integration.core.MessagingTemplate;
import org.springframework.messaging.MessageChannel;
import org.springframework.stereotype.Component;

/** The way into the job-launch channel from Java (the schedule), beside the HTTP trigger's. */
@Component
public class JobLaunches {

	/** The launch channel's bean name, for a flow that launches from elsewhere (the HTTP trigger). */
	public static final String CHANNEL = "jobLaunchRequests";

	private final MessageChannel launchRequests;

	private final MessagingTemplate messaging = new MessagingTemplate();

	JobLaunches(@Qualifier(CHANNEL) MessageChannel launchRequests) {
		this.launchRequests = launchRequests;
	}

	/** Launches the run in the background and answers with its execution; a failure to launch is thrown here. */
	public JobExecution launch(JobLaunchRequest request) {
		return messaging.convertSendAndReceive(launchRequests, request, JobExecution.class);
	}
}
