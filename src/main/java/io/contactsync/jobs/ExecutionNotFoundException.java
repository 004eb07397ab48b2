package io.contactsync.jobs;

/** An execution id the job repository does not know. */
public class ExecutionNotFoundException extends RuntimeException {

	public ExecutionNotFoundException(long executionId) {
		super("There is no job execution " + executionId + "; GET /api/v1/jobs/{name}/executions lists them.");
	}
}
