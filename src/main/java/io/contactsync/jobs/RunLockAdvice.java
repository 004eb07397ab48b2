package io.contactsync.jobs;

import org.springframework.batch.integration.launch.JobLaunchRequest;
import org.springframework.integration.handler.advice.AbstractRequestHandlerAdvice;
import org.springframework.messaging.Message;

/**
 * Around Spring Batch's {@code JobLaunchingGateway}: a launch takes its job's run lock first, so a launch while a
 * run is in progress anywhere fails at once with {@link JobAlreadyRunningException}.
 */
class RunLockAdvice extends AbstractRequestHandlerAdvice {

	private final LaunchLocks locks;

	RunLockAdvice(LaunchLocks locks) {
		this.locks = locks;
	}

	@Override
	protected Object doInvoke(ExecutionCallback callback, Object target, Message<?> message) {
		JobLaunchRequest request = (JobLaunchRequest) message.getPayload();
		return locks.holding(request.getJob().getName(), callback::execute);
	}
}
