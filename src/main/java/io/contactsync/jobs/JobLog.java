package io.contactsync.jobs;

import java.time.Duration;
import java.time.LocalDateTime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.stereotype.Component;

/**
 * The launch and end of every run, in place of Spring Batch's own lines (turned down in application.yml): those
 * print every parameter's value, and an export's {@code q=jane@example.com} would stay in the log after the person
 * is erased. These name the parameters only.
 */
@Component
class JobLog implements JobExecutionListener {

	private static final Logger log = LoggerFactory.getLogger(JobLog.class);

	@Override
	public void beforeJob(JobExecution execution) {
		log.info("Execution {} of {} started with parameters {}", execution.getId(),
				execution.getJobInstance().getJobName(), execution.getJobParameters().parameters().stream()
					.map(parameter -> parameter.name())
					.sorted()
					.toList());
	}

	@Override
	public void afterJob(JobExecution execution) {
		LocalDateTime start = execution.getStartTime();
		LocalDateTime end = execution.getEndTime() != null ? execution.getEndTime() : LocalDateTime.now();
		log.info("Execution {} of {} ended {} in {} ms", execution.getId(), execution.getJobInstance().getJobName(),
				execution.getStatus(), start == null ? 0 : Duration.between(start, end).toMillis());
	}
}
