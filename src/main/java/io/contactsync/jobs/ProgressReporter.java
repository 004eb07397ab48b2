package io.contactsync.jobs;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;

/**
 * While {@code run <job>} works, a line every interval with how far each running step has got, so that a long run on
 * a terminal or in a cron mail never looks hung and says when it will be done:
 * {@code 02:00:40  nightly-sync › crm-push › pushContacts: 600000 of 1000000 read (60 %), 21000/s, about 20 s left}.
 * The figures are the run page's ({@link StepProgress}).
 */
class ProgressReporter implements AutoCloseable {

	/** Always with seconds: {@link LocalTime#toString()} drops them on the full minute, and the lines would jump. */
	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

	private final RunningJobs running;

	private final PrintStream out;

	private final Clock clock;

	private final ScheduledExecutorService timer;

	ProgressReporter(RunningJobs running, PrintStream out, Duration interval, Clock clock) {
		this.running = running;
		this.out = out;
		this.clock = clock;
		this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
			Thread thread = new Thread(runnable, "progress");
			thread.setDaemon(true);
			return thread;
		});
		long millis = interval.toMillis();
		timer.scheduleAtFixedRate(this::report, millis, millis, TimeUnit.MILLISECONDS);
	}

	void report() {
		Instant now = clock.instant();
		List<JobExecution> executions = running.now();
		// A flow's step that runs a job is shown through that job's own steps.
		Set<String> runningJobs = executions.stream().map(execution -> execution.getJobInstance().getJobName())
			.collect(Collectors.toSet());
		String path = executions.stream().map(execution -> execution.getJobInstance().getJobName())
			.collect(Collectors.joining(" › "));
		String time = TIME.format(LocalTime.ofInstant(now, ZoneId.systemDefault()));
		for (JobExecution execution : executions) {
			Map<Long, StepProgress> progress = RunProgress.running(execution, now);
			for (StepExecution step : List.copyOf(execution.getStepExecutions())) {
				StepProgress made = progress.get(step.getId());
				// A partition's count is in its manager's line already; one line a range would repeat it.
				if (made != null && !runningJobs.contains(step.getStepName()) && !RunProgress.isPartition(step)) {
					out.printf("%s  %s › %s: %s%n", time, path, step.getStepName(), line(made));
				}
			}
		}
	}

	/** A step that counts nothing until it ends (one SQL statement) says how long it has been at it instead. */
	private static String line(StepProgress progress) {
		return progress.done() == 0 ? progress.describe() + ", for " + StepProgress.duration(progress.elapsed())
				: progress.describe();
	}

	@Override
	public void close() {
		timer.shutdownNow();
	}
}
