package io.contactsync.jobs;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameter;
import org.springframework.batch.core.step.StepExecution;

/**
 * A job execution as the API shows it: status, times, parameters and what each step did.
 *
 * @param exitMessage why it failed or stopped, the first lines of the exit description; empty when it completed
 */
public record ExecutionView(long id, String job, String status, String exitCode, String exitMessage,
		OffsetDateTime startTime, OffsetDateTime endTime, Map<String, String> parameters, List<StepView> steps) {

	/** What one step did. */
	public record StepView(String name, String status, long read, long written, long filtered, long skipped,
			long commits, long rollbacks, OffsetDateTime startTime, OffsetDateTime endTime, String exitMessage) {
	}

	public static ExecutionView of(JobExecution execution) {
		Map<String, String> parameters = new LinkedHashMap<>();
		for (JobParameter<?> parameter : execution.getJobParameters()) {
			parameters.put(parameter.name(), String.valueOf(parameter.value()));
		}
		List<StepView> steps = execution.getStepExecutions().stream()
			.sorted((a, b) -> Long.compare(a.getId(), b.getId()))
			.map(ExecutionView::step)
			.toList();
		return new ExecutionView(execution.getId(), execution.getJobInstance().getJobName(),
				execution.getStatus().name(), execution.getExitStatus().getExitCode(),
				firstLines(execution.getExitStatus().getExitDescription()), time(execution.getStartTime()),
				time(execution.getEndTime()), parameters, steps);
	}

	private static StepView step(StepExecution step) {
		return new StepView(step.getStepName(), step.getStatus().name(), step.getReadCount(), step.getWriteCount(),
				step.getFilterCount(), step.getSkipCount(), step.getCommitCount(), step.getRollbackCount(),
				time(step.getStartTime()), time(step.getEndTime()),
				firstLines(step.getExitStatus().getExitDescription()));
	}

	/** A failure's description holds a stack trace; its first lines say what happened. */
	private static String firstLines(String description) {
		return description == null ? "" : String.join("\n", description.lines().limit(3).toList());
	}

	private static OffsetDateTime time(LocalDateTime time) {
		// Spring Batch stores the JVM's local time.
		return time == null ? null : time.atZone(ZoneId.systemDefault()).toOffsetDateTime();
	}
}
