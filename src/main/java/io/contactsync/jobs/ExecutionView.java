package io.contactsync.jobs;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonInclude;
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

	/**
	 * What one step did.
	 *
	 * @param progress how far it has got while it runs, when it counts what it does or knows what it expects;
	 *                 absent once it ended, and in views made without a clock
	 */
	public record StepView(String name, String status, long read, long written, long filtered, long skipped,
			long commits, long rollbacks, OffsetDateTime startTime, OffsetDateTime endTime, String exitMessage,
			@JsonInclude(JsonInclude.Include.NON_NULL) StepProgress progress) {
	}

	private static final Pattern EXCEPTION_LINE = Pattern.compile(
			"(?:Caused by: )?(?:[a-zA-Z_$][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error|Throwable)(?:: (.*))?");

	/** The run without its steps' progress: for answers that describe a run rather than watch it. */
	public static ExecutionView of(JobExecution execution) {
		return of(execution, Map.of());
	}

	/** The run with the progress its running steps have made by {@code now}. */
	public static ExecutionView of(JobExecution execution, Instant now) {
		return of(execution, RunProgress.running(execution, now));
	}

	private static ExecutionView of(JobExecution execution, Map<Long, StepProgress> progress) {
		Map<String, String> parameters = new LinkedHashMap<>();
		for (JobParameter<?> parameter : execution.getJobParameters()) {
			parameters.put(parameter.name(), String.valueOf(parameter.value()));
		}
		List<StepView> steps = execution.getStepExecutions().stream()
			.sorted((a, b) -> Long.compare(a.getId(), b.getId()))
			.map(step -> step(step, progress.get(step.getId())))
			.toList();
		return new ExecutionView(execution.getId(), execution.getJobInstance().getJobName(),
				execution.getStatus().name(), execution.getExitStatus().getExitCode(),
				firstLines(execution.getExitStatus().getExitDescription()), time(execution.getStartTime()),
				time(execution.getEndTime()), parameters, steps);
	}

	private static StepView step(StepExecution step, StepProgress progress) {
		// A step that neither counts nor expects anything (a tasklet, a flow's job) has no progress to show.
		boolean telling = progress != null && (progress.total() != null || progress.done() > 0);
		return new StepView(step.getStepName(), step.getStatus().name(), step.getReadCount(), step.getWriteCount(),
				step.getFilterCount(), step.getSkipCount(), step.getCommitCount(), step.getRollbackCount(),
				time(step.getStartTime()), time(step.getEndTime()),
				firstLines(step.getExitStatus().getExitDescription()), telling ? progress : null);
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
