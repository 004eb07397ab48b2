package io.contactsync.jobs;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameter;
import org.springframework.batch.core.step.StepExecution;

/**
 * A job execution as the API shows it: status, times, parameters and what each step did.
 *
 * @param exitMessage why it failed or stopped: the messages of the exit description, without its stack trace (which
 *                    stays in the service log); empty when it completed
 */
public record ExecutionView(long id, String job, String status, String exitCode, String exitMessage,
		OffsetDateTime startTime, OffsetDateTime endTime, Map<String, String> parameters, List<StepView> steps) {

	/** What one step did. */
	public record StepView(String name, String status, long read, long written, long filtered, long skipped,
			long commits, long rollbacks, OffsetDateTime startTime, OffsetDateTime endTime, String exitMessage) {
	}

	private static final Pattern EXCEPTION_LINE = Pattern.compile(
			"(?:Caused by: )?(?:[a-zA-Z_$][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error|Throwable)(?:: (.*))?");

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

	/**
	 * A failure's description is its stack trace. Viewers see its messages only: the frames tell an attacker
	 * the code's insides and say nothing to an operator that the service log does not.
	 */
	private static String firstLines(String description) {
		return description == null ? "" : String.join("\n", description.lines()
			.filter(line -> !line.isBlank() && !Character.isWhitespace(line.charAt(0)))
			.map(ExecutionView::withoutExceptionType)
			.filter(line -> !line.isEmpty())
			.distinct()
			.limit(3)
			.toList());
	}

	/** {@code Caused by: java.lang.IllegalStateException: the message} is {@code the message}. */
	private static String withoutExceptionType(String line) {
		Matcher matcher = EXCEPTION_LINE.matcher(line);
		return matcher.matches() ? Objects.toString(matcher.group(1), "").strip() : line;
	}

	private static OffsetDateTime time(LocalDateTime time) {
		// Spring Batch stores the JVM's local time.
		return time == null ? null : time.atZone(ZoneId.systemDefault()).toOffsetDateTime();
	}
}
