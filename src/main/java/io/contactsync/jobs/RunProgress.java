package io.contactsync.jobs;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;

/**
 * The progress of a run's steps that are running now, by step execution id. A partitioned step counts nothing itself
 * until its partitions end, so its progress is theirs added up: the sum of their counts over the sum of their totals.
 */
public final class RunProgress {

	/** Spring Batch names a partition's step execution {@code <worker step>:<partition>}. */
	private static final char PARTITION = ':';

	private RunProgress() {
	}

	public static Map<Long, StepProgress> running(JobExecution execution, Instant now) {
		List<StepExecution> steps = List.copyOf(execution.getStepExecutions()).stream()
			.sorted((a, b) -> Long.compare(a.getId(), b.getId()))
			.toList();
		Map<Long, StepProgress> progress = new LinkedHashMap<>();
		for (StepExecution step : steps) {
			if (step.getStatus() != BatchStatus.STARTED) {
				continue;
			}
			List<StepExecution> partitions = isPartition(step) ? List.of() : partitionsOf(step, steps);
			progress.put(step.getId(), partitions.isEmpty() ? StepProgress.of(step, now) : sum(step, partitions, now));
		}
		return progress;
	}

	/** Whether the step is one partition of a partitioned step, which a whole run's summary leaves to its manager. */
	public static boolean isPartition(StepExecution step) {
		return step.getStepName().indexOf(PARTITION) > 0;
	}

	/*
	 * Steps of one run follow each other, so the partitions created after a manager that still runs are its own
	 * (the splitter makes them once the manager has started).
	 */
	private static List<StepExecution> partitionsOf(StepExecution manager, List<StepExecution> steps) {
		return steps.stream().filter(step -> step.getId() > manager.getId() && isPartition(step)).toList();
	}

	private static StepProgress sum(StepExecution manager, List<StepExecution> partitions, Instant now) {
		long done = 0;
		Long total = 0L;
		boolean estimated = false;
		for (StepExecution partition : partitions) {
			StepProgress part = StepProgress.of(partition, now);
			done += part.done();
			// One partition that cannot say makes the whole unknown: a sum of the others would be too low.
			total = total == null || part.total() == null ? null : total + part.total();
			estimated |= part.estimated();
		}
		return StepProgress.of(done, total, estimated, StepProgress.elapsed(manager.getStartTime(), now));
	}
}
