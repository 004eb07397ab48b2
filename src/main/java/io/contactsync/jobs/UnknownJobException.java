package io.contactsync.jobs;

import java.util.Set;

/** A job name that is not one of Contact Sync's jobs. */
public class UnknownJobException extends JobUsageException {

	public UnknownJobException(String jobName, Set<String> jobs) {
		super("Unknown job '" + jobName + "'; the jobs are " + String.join(", ", jobs) + ".");
	}
}
