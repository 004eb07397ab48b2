package io.contactsync.jobs;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;

/**
 * Published (as a Spring application event) when a run of any job ends, for modules that observe runs, such as
 * the alerts. It carries what may be shown to anyone: names, ids, statuses, times and counts. Parameter values and
 * failure messages are left out on purpose: a parameter can be a search for a person ({@code q=jane@...}) and a
 * message can quote a row.
 *
 * @param executionId the run's execution id, as in {@code /executions/{id}}
 * @param flowRun     the nightly-sync instance this run was a step of, or null when it ran on its own
 * @param status      Spring Batch's status: COMPLETED, FAILED, STOPPED, ...
 * @param steps       each step's name and status, in the order they ran (partitions of a step left out)
 * @param counts      read, written, filtered and skipped over the run's steps, then the counts its steps reported
 *                    under {@link #COUNTS} (crm-push: created, updated, unchanged, failed, ...)
 */
public record RunEnded(long executionId, String job, Long flowRun, String status, Instant started, Instant ended,
		List<StepEnded> steps, Map<String, Long> counts) {

	/**
	 * The key under which a step may leave named counts in its execution context (a {@code Map<String, Long>}),
	 * for observers to read from this event rather than from the job's insides.
	 */
	public static final String COUNTS = "contactsync.run.counts";

	/** A step's name and how it ended. */
	public record StepEnded(String name, String status) {
	}

	public RunEnded {
		steps = List.copyOf(steps);
		counts = Map.copyOf(new LinkedHashMap<>(counts));
	}

	public Duration duration() {
		return started == null || ended == null ? Duration.ZERO : Duration.between(started, ended);
	}

	public boolean insideFlow() {
		return flowRun != null;
	}

	/** @param now the end when Spring Batch has not set it yet (listeners run before it stores the end) */
	@SuppressWarnings("unchecked")
	static RunEnded of(JobExecution execution, Instant now) {
		Map<String, Long> counts = new LinkedHashMap<>();
		List<StepExecution> steps = execution.getStepExecutions().stream()
			// A partitioned step's manager already sums its partitions' counts.
			.filter(step -> !step.getStepName().contains(":partition"))
			.sorted((a, b) -> Long.compare(a.getId(), b.getId()))
			.toList();
		for (StepExecution step : steps) {
			counts.merge("read", step.getReadCount(), Long::sum);
			counts.merge("written", step.getWriteCount(), Long::sum);
			counts.merge("filtered", step.getFilterCount(), Long::sum);
			counts.merge("skipped", step.getSkipCount(), Long::sum);
		}
		for (StepExecution step : steps) {
			if (step.getExecutionContext().get(COUNTS) instanceof Map<?, ?> reported) {
				((Map<String, Number>) reported).forEach((name, n) -> counts.merge(name, n.longValue(), Long::sum));
			}
		}
		Long flowRun = execution.getJobParameters().getLong(RunParameters.FLOW_RUN_ID);
		Instant ended = execution.getEndTime() == null ? now : instant(execution.getEndTime());
		return new RunEnded(execution.getId(), execution.getJobInstance().getJobName(), flowRun,
				execution.getStatus().name(), instant(execution.getStartTime()), ended,
				steps.stream().map(step -> new StepEnded(step.getStepName(), step.getStatus().name())).toList(),
				counts);
	}

	private static Instant instant(LocalDateTime time) {
		// Spring Batch stores the JVM's local time.
		return time == null ? null : time.atZone(ZoneId.systemDefault()).toInstant();
	}
}
