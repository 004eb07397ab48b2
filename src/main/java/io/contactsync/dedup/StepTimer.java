package io.contactsync.dedup;

import java.time.Duration;
import java.time.LocalDateTime;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/**
 * Writes a dedup step's exit description: what the step put under {@link #SUMMARY} in its execution context and
 * how long it took, so a run shows where its time went.
 */
class StepTimer implements StepExecutionListener {

	static final String SUMMARY = "dedup.summary";

	@Override
	public ExitStatus afterStep(StepExecution step) {
		LocalDateTime start = step.getStartTime();
		double seconds = start == null ? 0 : Duration.between(start, LocalDateTime.now()).toMillis() / 1000.0;
		String summary = step.getExecutionContext().getString(SUMMARY, "");
		return new ExitStatus(step.getExitStatus().getExitCode(),
				(summary.isEmpty() ? "" : summary + "; ") + String.format("%.1f s", seconds));
	}
}
