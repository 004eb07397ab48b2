package io.contactsync.jobs;

/** An execution that cannot do what was asked in the state it is in, e.g. restarting a completed run. */
public class ExecutionStateException extends RuntimeException {

	public ExecutionStateException(String message) {
		super(message);
	}
}
