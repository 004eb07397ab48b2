package io.contactsync.jobs;

/** A launch that cannot start as asked: unknown job or bad parameters. The message says what to fix. */
public class JobUsageException extends RuntimeException {

	public JobUsageException(String message) {
		super(message);
	}
}
