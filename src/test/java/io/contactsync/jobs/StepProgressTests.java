package io.contactsync.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import io.contactsync.support.TestClock;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.StepExecution;

/**
 * How far a running step has got, as the run page and the command line's progress line tell it: the counts, the
 * rate, the time left, and what neither can know. Plain objects: the figures depend on counts and times only.
 */
class StepProgressTests {

	private static final Instant NOW = TestClock.NOW;

	@Test
	void ratePercentAndTimeLeftFollowFromTheCountsAndTheTimeRunning() {
		StepProgress progress = StepProgress.of(600_000, 1_000_000L, false, Duration.ofSeconds(30));

		assertThat(progress.rate()).isEqualTo(20_000.0);
		assertThat(progress.percent()).isEqualTo(60);
		assertThat(progress.left()).isEqualTo(Duration.ofSeconds(20));
		assertThat(progress.describe()).isEqualTo("600000 of 1000000 read (60 %), 20000/s, about 20 s left");
	}

	@Test
	void withoutATotalItTellsTheCountAndTheRateOnly() {
		StepProgress progress = StepProgress.of(600_000, null, false, Duration.ofSeconds(30));

		assertThat(progress.percent()).isNull();
		assertThat(progress.left()).isNull();
		assertThat(progress.describe()).isEqualTo("600000 read, 20000/s");
	}

	@Test
	void anEstimatedTotalSaysAbout() {
		assertThat(StepProgress.of(250, 1_000L, true, Duration.ofSeconds(100)).describe())
			.isEqualTo("250 of about 1000 read (25 %), 2.5/s, about 5 min 0 s left");
	}

	@Test
	void passingAnEstimateStopsAtAHundredPercentWithNoTimeLeftToTell() {
		StepProgress progress = StepProgress.of(1_200, 1_000L, true, Duration.ofSeconds(60));

		assertThat(progress.percent()).isEqualTo(100);
		assertThat(progress.barValue()).isEqualTo(1_000);
		assertThat(progress.left()).isNull();
		assertThat(progress.describe()).isEqualTo("1200 of about 1000 read (100 %), 20/s");
	}

	@Test
	void beforeAnythingIsReadThereIsNoRateNorTimeLeft() {
		StepProgress progress = StepProgress.of(0, 1_000L, false, Duration.ofSeconds(5));

		assertThat(progress.left()).isNull();
		assertThat(progress.describe()).isEqualTo("0 of 1000 read (0 %)");
		// Nor in the first moment of a step, however much it read.
		assertThat(StepProgress.of(10, 1_000L, false, Duration.ZERO).describe()).isEqualTo("10 of 1000 read (1 %)");
	}

	@Test
	void aStepThatExpectsNothingIsDone() {
		assertThat(StepProgress.of(0, 0L, false, Duration.ofSeconds(1)).percent()).isEqualTo(100);
	}

	@Test
	void longTimesLeftAreInMinutesAndHours() {
		assertThat(StepProgress.duration(Duration.ofSeconds(119))).isEqualTo("119 s");
		assertThat(StepProgress.duration(Duration.ofSeconds(125))).isEqualTo("2 min 5 s");
		assertThat(StepProgress.duration(Duration.ofMinutes(150))).isEqualTo("2 h 30 min");
	}

	@Test
	void aStepsProgressIsReadFromItsCountsItsStartAndTheTotalInItsContext() {
		JobExecution run = run("generate");
		StepExecution step = step(run, 2, "generateContacts", 30);
		step.setReadCount(390);
		step.setReadSkipCount(10);
		StepProgress.expect(step.getExecutionContext(), 1_000, false);

		StepProgress progress = RunProgress.running(run, NOW).get(2L);

		assertThat(progress.describe()).isEqualTo("400 of 1000 read (40 %), 13/s, about 45 s left");
	}

	@Test
	void aPartitionedStepsProgressIsItsPartitionsTogether() {
		JobExecution run = run("crm-push");
		step(run, 1, "checkSchemas", 60).setStatus(BatchStatus.COMPLETED);
		StepExecution manager = step(run, 2, "pushContacts", 20);
		partition(run, 3, 300, 500L);
		partition(run, 4, 100, 500L);

		StepProgress progress = RunProgress.running(run, NOW).get(manager.getId());

		assertThat(progress.describe()).isEqualTo("400 of 1000 read (40 %), 20/s, about 30 s left");
		// A partition that cannot say what it expects makes the whole total unknown.
		partition(run, 5, 100, null);
		assertThat(RunProgress.running(run, NOW).get(manager.getId()).describe()).isEqualTo("500 read, 25/s");
	}

	@Test
	void theCommandLineLineTellsEachRunningStepOnceWithPercentAndTimeLeft() {
		JobExecution run = run("crm-push");
		step(run, 1, "checkSchemas", 60).setStatus(BatchStatus.COMPLETED);
		step(run, 2, "pushContacts", 20);
		partition(run, 3, 300, 500L);
		partition(run, 4, 100, 500L);
		JobExecution generate = run("generate");
		step(generate, 5, "analyzeStore", 40);

		RunningJobs running = new RunningJobs();
		running.beforeJob(run);
		ByteArrayOutputStream printed = new ByteArrayOutputStream();
		Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
		try (ProgressReporter reporter = new ProgressReporter(running, new PrintStream(printed, true,
				StandardCharsets.UTF_8), Duration.ofHours(1), clock)) {
			reporter.report();
			running.afterJob(run);
			running.beforeJob(generate);
			reporter.report();
		}

		String time = DateTimeFormatter.ofPattern("HH:mm:ss").format(LocalDateTime.ofInstant(NOW, ZoneId.systemDefault()));
		assertThat(printed.toString(StandardCharsets.UTF_8)).isEqualTo(
				time + "  crm-push › pushContacts: 400 of 1000 read (40 %), 20/s, about 30 s left\n"
						+ time + "  generate › analyzeStore: 0 read, for 40 s\n");
	}

	private static JobExecution run(String job) {
		return new JobExecution(1, new JobInstance(1, job), new JobParameters());
	}

	/** A step started {@code secondsAgo} before {@link #NOW} and still running. */
	private static StepExecution step(JobExecution run, long id, String name, long secondsAgo) {
		StepExecution step = new StepExecution(id, name, run);
		step.setStatus(BatchStatus.STARTED);
		step.setStartTime(LocalDateTime.ofInstant(NOW.minusSeconds(secondsAgo), ZoneId.systemDefault()));
		run.addStepExecution(step);
		return step;
	}

	private static void partition(JobExecution run, long id, long read, Long total) {
		StepExecution partition = step(run, id, "pushContactsPartition:partition" + id, 15);
		partition.setReadCount(read);
		if (total != null) {
			StepProgress.expect(partition.getExecutionContext(), total, false);
		}
	}
}
