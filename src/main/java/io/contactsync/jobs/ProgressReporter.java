package io.contactsync.jobs;

import java.io.PrintStream;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;

/**
 * While {@code run <job>} works, a line every interval with what each running step has done so far, so that a
 * long run on a terminal or in a cron mail never looks hung:
 * {@code 02:00:40  nightly-sync › capture-import › stageCaptures: 600000 read, 599998 written, 2 skipped, 40 s}.
 */
class ProgressReporter implements AutoCloseable {

	private final RunningJobs running;

	private final PrintStream out;

	private final ScheduledExecutorService timer;

	ProgressReporter(RunningJobs running, PrintStream out, Duration interval) {
		this.running = running;
		this.out = out;
		this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
			Thread thread = new Thread(runnable, "progress");
			thread.setDaemon(true);
			return thread;
		});
		long millis = interval.toMillis();
		timer.scheduleAtFixedRate(this::report, millis, millis, TimeUnit.MILLISECONDS);
	}

	void report() {
		List<JobExecution> executions = running.now();
		// A flow's step that runs a job is shown through that job's own steps.
		Set<String> runningJobs = executions.stream().map(execution -> execution.getJobInstance().getJobName())
			.collect(Collectors.toSet());
		String path = executions.stream().map(execution -> execution.getJobInstance().getJobName())
			.collect(Collectors.joining(" › "));
		for (JobExecution execution : executions) {
			for (StepExecution step : List.copyOf(execution.getStepExecutions())) {
				if (step.getStatus() == BatchStatus.STARTED && !runningJobs.contains(step.getStepName())) {
					out.printf("%s  %s › %s: %d read, %d written, %d skipped, %s%n",
							LocalTime.now().truncatedTo(ChronoUnit.SECONDS), path, step.getStepName(), step.getReadCount(),
							step.getWriteCount(), step.getSkipCount(), since(step.getStartTime()));
				}
			}
		}
	}

	private static String since(LocalDateTime start) {
		long seconds = start == null ? 0 : Duration.between(start, LocalDateTime.now()).toSeconds();
		return seconds < 120 ? seconds + " s" : seconds / 60 + " min " + seconds % 60 + " s";
	}

	@Override
	public void close() {
		timer.shutdownNow();
	}
}
