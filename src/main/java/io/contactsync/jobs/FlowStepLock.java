package io.contactsync.jobs;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/**
 * A nightly-sync step holds the run lock of the job it runs, so that the flow's capture-import never runs beside
 * a capture-import started by hand, from the schedule or on another instance.
 */
class FlowStepLock implements StepExecutionListener {

	private final JobRunLock runLock;

	private final String job;

	private JobRunLock.Held held;

	FlowStepLock(JobRunLock runLock, String job) {
		this.runLock = runLock;
		this.job = job;
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		held = runLock.tryAcquire(job).orElseThrow(() -> new JobAlreadyRunningException(job));
	}

	@Override
	public ExitStatus afterStep(StepExecution stepExecution) {
		if (held != null) {
			held.close();
			held = null;
		}
		return null;
	}
}
