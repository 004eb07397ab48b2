package io.contactsync.jobs;

import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;

/** What a failed launch or run comes down to, under the wrappers of the launch channel and Spring Batch. */
public final class LaunchFailures {

	private LaunchFailures() {
	}

	/** The innermost cause: the one that says what went wrong; the outer ones say where. */
	public static Throwable rootCause(Throwable failure) {
		Throwable cause = failure;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		return cause;
	}

	/** Whether the launch failed only because a run of the job is in progress. */
	public static boolean isAlreadyRunning(Throwable failure) {
		Throwable cause = rootCause(failure);
		return cause instanceof JobAlreadyRunningException || cause instanceof JobExecutionAlreadyRunningException;
	}
}
