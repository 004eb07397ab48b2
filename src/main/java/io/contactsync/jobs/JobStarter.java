package io.contactsync.jobs;

import io.contactsync.config.RunParameters;
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

	private final JobRepository repository;

	private final JobRunLock runLock;

	public JobStarter(List<Job> jobs, JobOperator operator, JobRepository repository, JobRunLock runLock) {
		this.jobs = jobs.stream().collect(Collectors.toMap(Job::getName, Function.identity(), (a, b) -> a, TreeMap::new));
		this.operator = operator;
		this.repository = repository;
		this.runLock = runLock;
	}

	public Set<String> jobNames() {
		return new TreeSet<>(jobs.keySet());
	}

	/**
	 * Runs the job to its end in this thread and returns the finished execution.
	 * @throws JobUsageException when the job or a parameter is unknown or invalid
	 * @throws JobAlreadyRunningException when a run of the job is in progress anywhere
	 */
	public JobExecution run(String jobName, Map<String, String> parameters) {
		Job job = jobs.get(jobName);
		if (job == null) {
			throw new JobUsageException("Unknown job '" + jobName + "'; the jobs are " + String.join(", ", jobNames()) + ".");
		}
		if (parameters.containsKey(RUN_ID)) {
			throw new JobUsageException(RUN_ID + " is set by Contact Sync itself; leave it out.");
		}
		JobParameters requested = toJobParameters(parameters);
		validate(job, new JobParametersBuilder(requested).addLong(RUN_ID, 0L).toJobParameters());
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

	private JobExecution resume(JobExecution execution) throws Exception {
		JobExecution restartable = execution;
		if (LEFT_RUNNING.contains(execution.getStatus())) {
			// We hold the job's lock, so nobody runs it: this execution's process died.
			restartable = operator.recover(execution);
		}
		return operator.restart(restartable);
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
		long runId = repository.getJobInstances(jobName, 0, 1).stream()
			.map(instance -> repository.getLastJobExecution(instance).getJobParameters().getLong(RUN_ID, 0L))
			.findFirst()
			.orElse(0L) + 1;
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
