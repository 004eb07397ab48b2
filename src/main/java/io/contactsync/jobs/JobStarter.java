package io.contactsync.jobs;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameter;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.integration.launch.JobLaunchRequest;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Starts a job the way an operator expects: a new run each time, except when the last run with the same
 * parameters did not finish (failed, was stopped, or was left STARTED by a process that died). Then that
 * run resumes where it stopped, through Spring Batch's restart. Only one run of a job at a time.
 */
@Service
public class JobStarter {

	private static final String RUN_ID = RunParameters.RUN_ID;

	/** How far back to look for an unfinished run with the same parameters. */
	private static final int HISTORY = 50;

	private static final Set<BatchStatus> RESUMABLE = EnumSet.of(BatchStatus.FAILED, BatchStatus.STOPPED);

	private static final Set<BatchStatus> LEFT_RUNNING = EnumSet.of(BatchStatus.STARTING, BatchStatus.STARTED,
			BatchStatus.STOPPING);

	private final Map<String, Job> jobs;

	private final JobOperator operator;

	private final RunStop runStop;

	private final JobRepository repository;

	private final JobRunLock runLock;

	private final BackgroundJobOperator background;

	private final JdbcClient jdbc;

	private final ConfinedFiles files;

	private final DemoJobsProperties demoJobs;

	public JobStarter(List<Job> jobs, JobOperator jobOperator, JobRepository repository, RunStop runStop,
			JobRunLock runLock, BackgroundJobOperator background, JdbcClient jdbc, ConfinedFiles files,
			DemoJobsProperties demoJobs) {
		this.jobs = jobs.stream().collect(Collectors.toMap(Job::getName, Function.identity(), (a, b) -> a, TreeMap::new));
		this.operator = jobOperator;
		this.repository = repository;
		this.runStop = runStop;
		this.runLock = runLock;
		this.background = background;
		this.jdbc = jdbc;
		this.files = files;
		this.demoJobs = demoJobs;
	}

	/** Every job, as the command line offers them. */
	public Set<String> jobNames() {
		return new TreeSet<>(jobs.keySet());
	}

	/** The jobs HTTP and the dashboard offer: the demo jobs only where they are enabled. */
	public Set<String> offeredJobNames() {
		return jobs.keySet().stream().filter(demoJobs::offersOverHttp).collect(Collectors.toCollection(TreeSet::new));
	}

	/**
	 * Runs the job to its end in this thread and returns the finished execution.
	 * @throws JobUsageException when the job or a parameter is unknown or invalid
	 * @throws JobAlreadyRunningException when a run of the job is in progress anywhere
	 */
	public JobExecution run(String jobName, Map<String, String> parameters) {
		Job job = job(jobName);
		JobParameters requested = checked(job, parameters);
		try (JobRunLock.Held lock = runLock.tryAcquire(jobName).orElseThrow(() -> new JobAlreadyRunningException(jobName))) {
			Optional<JobExecution> unfinished = lastUnfinished(jobName, requested);
			if (unfinished.isPresent()) {
				return resume(unfinished.get());
			}
			return operator.start(job, nextRun(jobName, requested));
		}
		catch (JobUsageException | JobAlreadyRunningException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new IllegalStateException("Job " + jobName + " could not be launched: " + ex.getMessage(), ex);
		}
	}

	/**
	 * A request for a new run of the job, whatever ran before: what an operator expects of a launch over HTTP or
	 * from the dashboard. Its files must lie in the configured roots ({@link ConfinedFiles}).
	 * @throws UnknownJobException when there is no such job, or it is a demo job and those are not enabled
	 * @throws JobUsageException when a parameter is unknown or invalid
	 */
	public JobLaunchRequest newRun(String jobName, Map<String, String> parameters) {
		if (!demoJobs.offersOverHttp(jobName)) {
			throw new UnknownJobException(jobName, offeredJobNames());
		}
		Job job = job(jobName);
		return new JobLaunchRequest(job, nextRun(jobName, checked(job, files.confine(parameters))));
	}

	/**
	 * A request for the run of a schedule's fire time. That time is the run's identity, so of two instances whose
	 * schedules fire together only one runs it: the other finds the run in the job repository.
	 */
	public JobLaunchRequest scheduledRun(String jobName, Instant fireTime) {
		Job job = job(jobName);
		return new JobLaunchRequest(job, new JobParametersBuilder()
			.addString(RunParameters.SCHEDULED_FOR, fireTime.toString())
			.toJobParameters());
	}

	/**
	 * Restarts a failed or stopped execution, or one whose process died, in this thread.
	 * @throws ExecutionNotFoundException when there is no such execution
	 * @throws ExecutionStateException when it completed or was abandoned
	 * @throws JobAlreadyRunningException when a run of its job is in progress
	 */
	public JobExecution restart(long executionId) {
		JobExecution execution = restartable(executionId);
		String jobName = execution.getJobInstance().getJobName();
		try (JobRunLock.Held lock = runLock.tryAcquire(jobName).orElseThrow(() -> new JobAlreadyRunningException(jobName))) {
			return resume(execution(executionId));
		}
		catch (RuntimeException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new IllegalStateException("Execution " + executionId + " could not be restarted: " + ex.getMessage(), ex);
		}
	}

	/** {@link #restart(long)}, with the run going on in the background; returns the new execution at once. */
	public JobExecution restartInBackground(long executionId) {
		JobExecution execution = restartable(executionId);
		return background.restart(job(execution.getJobInstance().getJobName()), execution, this::recoverIfLeftRunning);
	}

	/**
	 * Asks a running execution to stop at its next chunk boundary, wherever it runs: the flag is in the job
	 * repository, which every instance's steps read as they commit.
	 */
	public JobExecution stop(long executionId) {
		JobExecution execution = execution(executionId);
		if (!runStop.request(executionId)) {
			throw new ExecutionStateException("Execution " + executionId + " is " + execution.getStatus()
					+ ", not running; there is nothing to stop.");
		}
		return repository.getJobExecution(executionId);
	}

	/**
	 * An execution from the job repository, with its steps.
	 * @throws ExecutionNotFoundException when there is none with this id
	 */
	public JobExecution execution(long executionId) {
		try {
			JobExecution execution = repository.getJobExecution(executionId);
			if (execution != null) {
				return execution;
			}
		}
		catch (EmptyResultDataAccessException ex) {
			// the repository's way of saying there is none
		}
		throw new ExecutionNotFoundException(executionId);
	}

	private JobExecution restartable(long executionId) {
		JobExecution execution = execution(executionId);
		BatchStatus status = execution.getStatus();
		if (!RESUMABLE.contains(status) && !LEFT_RUNNING.contains(status)) {
			throw new ExecutionStateException("Execution " + executionId + " is " + status + "; only a FAILED or"
					+ " STOPPED run, or one whose process died, can be restarted.");
		}
		JobExecution newest = repository.getLastJobExecution(execution.getJobInstance());
		if (newest != null && newest.getId() != executionId) {
			throw new ExecutionStateException("Execution " + executionId + " was restarted already as execution "
					+ newest.getId() + "; restart that one if it did not finish.");
		}
		return execution;
	}

	/** Called holding the job's lock: a run that still looks alive belongs to a process that died. */
	private JobExecution recoverIfLeftRunning(JobExecution execution) {
		return LEFT_RUNNING.contains(execution.getStatus()) ? operator.recover(execution) : execution;
	}

	private Job job(String jobName) {
		Job job = jobs.get(jobName);
		if (job == null) {
			throw new UnknownJobException(jobName, jobNames());
		}
		return job;
	}

	private static JobParameters checked(Job job, Map<String, String> parameters) {
		parameters.keySet().stream().filter(RunParameters::isSetByContactSync).findFirst().ifPresent(name -> {
			throw new JobUsageException(name + " is set by Contact Sync itself; leave it out.");
		});
		JobParameters requested = toJobParameters(parameters);
		validate(job, new JobParametersBuilder(requested).addLong(RUN_ID, 0L).toJobParameters());
		return requested;
	}

	private JobExecution resume(JobExecution execution) throws Exception {
		// start() of a failed or stopped instance's parameters restarts it; restart() would need a job registry,
		// which cannot hold nightly-sync, a job built on the operator itself.
		return operator.start(job(execution.getJobInstance().getJobName()), recoverIfLeftRunning(execution)
			.getJobParameters());
	}

	/** The newest run with these parameters decides: resume it if it did not finish, else start anew. */
	private Optional<JobExecution> lastUnfinished(String jobName, JobParameters requested) {
		for (JobInstance instance : repository.getJobInstances(jobName, 0, HISTORY)) {
			JobExecution last = repository.getLastJobExecution(instance);
			if (last != null && withoutRunId(last.getJobParameters()).equals(withoutRunId(requested))) {
				BatchStatus status = last.getStatus();
				return RESUMABLE.contains(status) || LEFT_RUNNING.contains(status) ? Optional.of(last) : Optional.empty();
			}
		}
		return Optional.empty();
	}

	private JobParameters nextRun(String jobName, JobParameters requested) {
		long runId = jdbc.sql("select nextval('job_run_id')").query(Long.class).single();
		JobParameters next;
		do {
			next = new JobParametersBuilder(requested).addLong(RUN_ID, runId++).toJobParameters();
		}
		while (repository.isJobInstanceExists(jobName, next));
		return next;
	}

	private static void validate(Job job, JobParameters parameters) {
		try {
			job.getJobParametersValidator().validate(parameters);
		}
		catch (InvalidJobParametersException ex) {
			throw new JobUsageException(ex.getMessage());
		}
	}

	private static JobParameters toJobParameters(Map<String, String> parameters) {
		JobParametersBuilder builder = new JobParametersBuilder();
		parameters.forEach(builder::addString);
		return builder.toJobParameters();
	}

	private static Map<String, Object> withoutRunId(JobParameters parameters) {
		Map<String, Object> values = new TreeMap<>();
		for (JobParameter<?> parameter : parameters.getIdentifyingParameters()) {
			if (!parameter.name().equals(RUN_ID)) {
				values.put(parameter.name(), String.valueOf(parameter.value()));
			}
		}
		return values;
	}
}
