package io.contactsync.jobs;

/** The job is running now, in this process or another one on the same database. */
public class JobAlreadyRunningException extends RuntimeException {

	public JobAlreadyRunningException(String jobName) {
		super("Job " + jobName + " is already running; wait for that run to end, or stop it, and launch again.");
	}
}
