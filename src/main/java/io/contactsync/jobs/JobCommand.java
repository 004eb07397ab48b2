package io.contactsync.jobs;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.contactsync.policy.CheckedFiles;
import io.contactsync.policy.FileProblem;
import io.contactsync.policy.OnlineCheck;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * {@code java -jar contact-sync.jar run <job> [name=value ...]}: runs one job, prints what each step did
 * and leaves an exit code for scripts and schedulers: 0 completed, 1 failed or stopped, 2 bad usage,
 * 3 already running elsewhere.
 */
@Component
@ConditionalOnProperty(name = JobCommand.MODE_PROPERTY, havingValue = "run")
class JobCommand implements ApplicationRunner, ExitCodeGenerator {

	static final String MODE_PROPERTY = "contactsync.command";

	static final int COMPLETED = 0;

	static final int FAILED = 1;

	static final int USAGE = 2;

	static final int ALREADY_RUNNING = 3;

	private final JobStarter starter;

	private final JobFiles jobFiles;

	/** Every module's configuration files: the mappings, the dedup rules, the other policies. */
	private final List<CheckedFiles> checkedFiles;

	private final RunningJobs running;

	private final JobRuns runs;

	private final Duration progressInterval;

	private final PrintStream out;

	private final PrintStream err;

	/** What the progress line's rate and time left are measured against. */
	private final Clock clock;

	private int exitCode = USAGE;

	JobCommand(JobStarter starter, JobFiles jobFiles, List<CheckedFiles> checkedFiles, RunningJobs running,
			JobRuns runs, JobPlatformProperties properties, Clock clock) {
		this.starter = starter;
		this.jobFiles = jobFiles;
		this.checkedFiles = checkedFiles;
		this.running = running;
		this.runs = runs;
		this.progressInterval = properties.progressInterval();
		// This is a command-line tool: its report is for the person at the terminal, not for the log.
		this.out = System.out;
		this.err = System.err;
		this.clock = clock;
	}

	@Override
	public void run(ApplicationArguments arguments) {
		List<String> words = arguments.getNonOptionArgs();
		if (words.size() < 2) {
			err.println("Usage: java -jar contact-sync.jar run <job> [name=value ...] | run restart <execution id>"
					+ " | run validate");
			err.println("Jobs: " + String.join(", ", starter.jobNames()));
			return;
		}
		if (words.get(1).equals("validate")) {
			validate(words.subList(2, words.size()));
			return;
		}
		try (RunningJobs.Mark command = running.command();
				ProgressReporter progress = new ProgressReporter(running, out, progressInterval, clock)) {
			JobExecution execution = words.get(1).equals("restart") ? starter.restart(executionId(words))
					: starter.run(words.get(1), JobParameterWords.parse(words.subList(2, words.size())));
			report(execution);
			exitCode = execution.getStatus() == BatchStatus.COMPLETED ? COMPLETED : FAILED;
		}
		catch (JobUsageException ex) {
			err.println(ex.getMessage());
			exitCode = USAGE;
		}
		catch (JobAlreadyRunningException ex) {
			err.println(ex.getMessage());
			exitCode = ALREADY_RUNNING;
		}
		catch (ExecutionNotFoundException | ExecutionStateException ex) {
			err.println(ex.getMessage());
			exitCode = USAGE;
		}
	}

	private static long executionId(List<String> words) {
		if (words.size() != 3 || !words.get(2).matches("\\d{1,18}")) {
			throw new JobUsageException("Usage: run restart <execution id>; the id is in the run's report and in"
					+ " GET /api/v1/jobs/{name}/executions.");
		}
		return Long.parseLong(words.get(2));
	}

	/**
	 * {@code run validate}: the files under jobs/ and mappings/ were checked when this command started (an invalid
	 * one stops it with every problem, file and line, and exit code 1), so what is left is to say what each says.
	 * With {@code online=true} the files are also held against the systems they describe (each CRM's live schema),
	 * and a problem found there is exit code 1 too.
	 */
	private void validate(List<String> arguments) {
		if (!arguments.isEmpty() && !arguments.equals(List.of("online=true")) && !arguments.equals(List.of("online=false"))) {
			err.println("Usage: run validate [online=true]; online=true also checks each mapping against its CRM.");
			exitCode = USAGE;
			return;
		}
		for (JobSchedule schedule : jobFiles.schedules()) {
			out.printf("%s: valid — %s runs on '%s' (%s)%n", schedule.file() == null ? "(built in)" : schedule.file(),
					schedule.job(), schedule.cron(), schedule.zone());
		}
		out.printf("%s: valid — steps %s%n", jobFiles.fileOf(JobFiles.NIGHTLY_SYNC), String.join(" → ",
				jobFiles.nightlySteps().stream().map(FlowStep::job).toList()));
		checkedFiles.stream().flatMap(files -> files.describe().stream()).forEach(out::println);
		out.println("All job and mapping files are valid.");
		exitCode = COMPLETED;
		if (arguments.contains("online=true")) {
			validateOnline();
		}
	}

	private void validateOnline() {
		List<OnlineCheck> checks = checkedFiles.stream().map(CheckedFiles::checkOnline).toList();
		checks.forEach(check -> check.checked().forEach(out::println));
		List<FileProblem> problems = checks.stream().flatMap(check -> check.problems().stream()).toList();
		if (!problems.isEmpty()) {
			problems.forEach(problem -> err.println(problem));
			err.println(problems.size() + " problem" + (problems.size() == 1 ? "" : "s")
					+ " against the live systems; nothing was changed in them.");
			exitCode = FAILED;
		}
	}

	@Override
	public int getExitCode() {
		return exitCode;
	}


	private void report(JobExecution execution) {
		out.printf("%nJob %s, execution %d: %s in %s%n", execution.getJobInstance().getJobName(), execution.getId(),
				execution.getStatus(), seconds(execution.getStartTime(), execution.getEndTime()));
		Map<String, StepExecution> steps = steps(execution);
		// As wide as the longest step name, so that a partition's long name keeps the columns aligned.
		int width = steps.keySet().stream().mapToInt(String::length).max().orElse(0) + 2;
		out.printf("  %-" + width + "s %-10s %10s %10s %10s %10s %8s %9s %9s%n", "step", "status", "read", "written",
				"filtered", "skipped", "commits", "rollbacks", "time");
		steps.forEach((name, step) -> out.printf("  %-" + width + "s %-10s %10d %10d %10d %10d %8d %9d %9s%n", name,
				step.getStatus(), step.getReadCount(), step.getWriteCount(), step.getFilterCount(), step.getSkipCount(),
				step.getCommitCount(), step.getRollbackCount(), seconds(step.getStartTime(), step.getEndTime())));
		steps.forEach((name, step) -> {
			String said = step.getExitStatus().getExitDescription();
			if (!said.isBlank() && step.getStatus() == BatchStatus.COMPLETED) {
				// A step that says several things (one line a CRM) keeps them under its name.
				out.println("  " + name + ": " + said.replace("\n", "\n      "));
			}
		});
		out.printf("  peak heap: %d MiB of %d MiB%n", peakHeapBytes() >> 20, Runtime.getRuntime().maxMemory() >> 20);
		if (execution.getStatus() != BatchStatus.COMPLETED) {
			// A flow says itself which step failed and why; its own exception is only "the delegate job failed".
			String summary = execution.getExitStatus().getExitDescription();
			if (!summary.isBlank() && summary.lines().count() == 1) {
				out.println("  Failed: " + summary);
			}
			else {
				execution.getAllFailureExceptions().stream().findFirst().map(JobCommand::rootCause)
					.ifPresent(cause -> out.println("  Failed: " + cause));
			}
			execution.getStepExecutions().stream()
				.filter(step -> step.getStatus() == BatchStatus.FAILED)
				.map(step -> step.getExitStatus().getExitDescription())
				.flatMap(String::lines)
				.filter(line -> line.contains("rejected records"))
				.forEach(line -> out.println("  " + line));
			out.printf("  Run the same command again, or `run restart %d`, to resume this run where it stopped.%n",
					execution.getId());
		}
	}

	/** The steps by name; a flow's step that ran a job is shown as that job's steps, e.g. {@code crm-push › pushContacts}. */
	private Map<String, StepExecution> steps(JobExecution execution) {
		Map<String, JobExecution> children = runs.flowChildren(execution);
		Map<String, StepExecution> steps = new LinkedHashMap<>();
		for (StepExecution step : execution.getStepExecutions()) {
			JobExecution child = children.get(step.getStepName());
			if (child == null) {
				steps.put(step.getStepName(), step);
			}
			else {
				child.getStepExecutions().forEach(childStep -> steps.put(step.getStepName() + " › "
						+ childStep.getStepName(), childStep));
			}
		}
		return steps;
	}

	/** The most the heap's pools held at once since the JVM started (each pool's peak, added up). */
	private static long peakHeapBytes() {
		return ManagementFactory.getMemoryPoolMXBeans().stream()
			.filter(pool -> pool.getType() == MemoryType.HEAP)
			.mapToLong(pool -> pool.getPeakUsage().getUsed())
			.sum();
	}

	/** The innermost cause is the one that says what went wrong; the outer ones say where. */
	private static String rootCause(Throwable failure) {
		Throwable cause = LaunchFailures.rootCause(failure);
		String message = cause.getMessage() == null ? "" : cause.getMessage().lines().findFirst().orElse("");
		return cause.getClass().getSimpleName() + ": " + message;
	}

	private static String seconds(LocalDateTime start, LocalDateTime end) {
		if (start == null || end == null) {
			return "-";
		}
		return String.format("%.1f s", Duration.between(start, end).toMillis() / 1000.0);
	}
}
