package io.contactsync.dedup;

import java.time.Duration;
import java.time.LocalDateTime;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/** Says how long each dedup step took, in the step's exit description, so a run shows where its time went. */
class StepTimer implements StepExecutionListener {

	@Override
	public ExitStatus afterStep(StepExecution step) {
		LocalDateTime start = step.getStartTime();
		double seconds = start == null ? 0 : Duration.between(start, LocalDateTime.now()).toMillis() / 1000.0;
		return new ExitStatus(step.getExitStatus().getExitCode(), String.format("%.1f s", seconds));
	}
}
