package io.contactsync.capture;

import java.nio.file.Path;
import java.util.Map;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/**
 * Says what staging passed over, and when staging fails (past {@code skipLimit}, say) writes the reject
 * report of what was rejected so far, so that the failed run's message can point at it.
 */
class CaptureStagingListener implements StepExecutionListener {

	private final RejectReport reports;

	private final long runId;

	private final Path report;

	CaptureStagingListener(RejectReport reports, long runId, Path report) {
		this.reports = reports;
		this.runId = runId;
		this.report = report;
	}

	@Override
	@SuppressWarnings("unchecked")
	public ExitStatus afterStep(StepExecution stepExecution) {
		ExitStatus exit = stepExecution.getExitStatus();
		Object unknown = stepExecution.getExecutionContext().get(CaptureRecordProcessor.UNKNOWN);
		if (unknown instanceof Map<?, ?> kinds && !kinds.isEmpty()) {
			exit = exit.addExitDescription("passed over event types not imported: " + describe((Map<String, Integer>) kinds));
		}
		if (stepExecution.getStatus() == BatchStatus.FAILED) {
			// The failing chunk rolled back with its rejects; the report holds those of the chunks before.
			long rejected = reports.write(runId, report).rejected();
			exit = exit.addExitDescription("stopped with " + rejected + " rejected records reported so far: see " + report);
		}
		return exit;
	}

	private static String describe(Map<String, Integer> kinds) {
		return String.join(", ", kinds.entrySet().stream().map(e -> e.getKey() + " ×" + e.getValue()).toList());
	}
}
