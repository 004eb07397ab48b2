package io.contactsync.jobs;

import java.util.List;
import java.util.Set;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Ends a failed nightly-sync run so that it can be understood and resumed. Its message says which step failed, with
 * the message of the job it ran (a step's own message is only "the delegate job failed"), and what ran instead of
 * the rest of the pipeline. And the failed step is marked FAILED again: Spring Batch marks a failed step ABANDONED
 * when the flow goes on to another step (here the essential ones), and an abandoned step is never run again, so a
 * restart would skip the very step that has to be retried.
 */
class FlowFailureReport implements JobExecutionListener {

	private static final int MAX_REASON = 500;

	private final JdbcClient jdbc;

	private final JobRepository jobRepository;

	private final Set<String> essentials;

	FlowFailureReport(JdbcClient jdbc, JobRepository jobRepository, Set<String> essentials) {
		this.jdbc = jdbc;
		this.jobRepository = jobRepository;
		this.essentials = essentials;
	}

	@Override
	public void afterJob(JobExecution execution) {
		if (execution.getStatus() != BatchStatus.FAILED) {
			return;
		}
		List<StepExecution> steps = List.copyOf(execution.getStepExecutions());
		for (StepExecution step : steps) {
			if (step.getStatus() == BatchStatus.ABANDONED && !essentials.contains(step.getStepName())) {
				step.setStatus(BatchStatus.FAILED);
				jobRepository.update(step);
			}
		}
		List<String> failed = steps.stream().filter(step -> step.getStatus() == BatchStatus.FAILED)
			.map(step -> step.getStepName() + " failed" + reason(execution, step)).toList();
		if (failed.isEmpty()) {
			return;
		}
		List<String> ran = steps.stream()
			.filter(step -> step.getStatus() == BatchStatus.COMPLETED && essentials.contains(step.getStepName()))
			.map(StepExecution::getStepName).toList();
		String message = String.join("; ", failed) + (ran.isEmpty() ? "" : "; ran instead only " + String.join(", ", ran))
				+ "; restart the run to resume at the failed step";
		execution.setExitStatus(ExitStatus.FAILED.addExitDescription(message));
	}

	/** The first line of the failed child job's message. */
	private String reason(JobExecution flow, StepExecution step) {
		String job = step.getStepName();
		List<String> messages = jdbc.sql("""
				select e.exit_message from batch_job_execution e
				join batch_job_instance i on i.job_instance_id = e.job_instance_id
				join batch_job_execution_params p on p.job_execution_id = e.job_execution_id
				where p.parameter_name = :name and p.parameter_value = :run and i.job_name = :job
				  and e.status = 'FAILED' order by e.job_execution_id desc limit 1""")
			.param("name", RunParameters.FLOW_RUN_ID)
			.param("run", String.valueOf(flow.getJobInstance().getInstanceId()))
			.param("job", job)
			.query(String.class).list();
		String message = messages.isEmpty() || messages.get(0) == null ? step.getExitStatus().getExitDescription()
				: messages.get(0);
		String first = message == null ? "" : message.lines().filter(line -> !line.isBlank()).findFirst().orElse("");
		// A database error's own words come after the statement, which may span lines; else the innermost cause.
		int database = message == null ? -1 : message.indexOf("ERROR: ");
		int cause = message == null ? -1 : message.lastIndexOf("Caused by: ");
		if (database >= 0) {
			first = message.substring(database).lines().findFirst().orElse(first);
		}
		else if (cause >= 0) {
			first = message.substring(cause + "Caused by: ".length()).lines().findFirst().orElse(first);
		}
		return first.isEmpty() ? "" : ": " + (first.length() > MAX_REASON ? first.substring(0, MAX_REASON) + "…" : first);
	}
}
