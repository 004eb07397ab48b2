package io.contactsync.jobs;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Component;

/**
 * Asks a run to stop at its next chunk boundary by marking its job execution STOPPING in the job repository. Each
 * step reads that mark as it commits a chunk, wherever it runs, and ends STOPPED with its position saved.
 * <p>
 * Only the job execution's row is written. {@code JobOperator.stop} in Spring Batch 6.0 also writes the running
 * step executions' rows from the caller's thread, racing the step's own chunk commit: the loser fails with an
 * {@link OptimisticLockingFailureException} and the run ends FAILED instead of STOPPED (spring-batch#5308, #5484).
 */
@Component
class RunStop {

	private static final int ATTEMPTS = 5;

	private final JobRepository repository;

	RunStop(JobRepository repository) {
		this.repository = repository;
	}

	/** @return false when the execution is not running (or there is none), so there is nothing to stop */
	boolean request(long executionId) {
		for (int attempt = 1;; attempt++) {
			JobExecution execution = repository.getJobExecution(executionId);
			if (execution == null || !execution.isRunning()) {
				return false;
			}
			execution.setStatus(BatchStatus.STOPPING);
			try {
				repository.update(execution);
				return true;
			}
			catch (OptimisticLockingFailureException ex) {
				// The run's own thread wrote its row meanwhile (a step began or ended): read it again.
				if (attempt == ATTEMPTS) {
					throw ex;
				}
			}
		}
	}
}
