package io.contactsync.web;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The error report a run wrote, if any. Jobs name their reports {@code <job>-<run>-errors.csv} (crm-push) or
 * {@code <job>-<run>-rejects.jsonl} (capture-import) in the reports directory, where the run is the job instance's id:
 * two names to look for, not a directory to list on every page and status poll. A dry run's payloads are not
 * errors and are not offered.
 */
@Component
class ErrorReports {

	private final Path directory;

	ErrorReports(@Value("${contactsync.reports-directory:data/reports}") Path directory) {
		this.directory = directory;
	}

	Optional<Path> of(JobExecution execution) {
		String prefix = execution.getJobInstance().getJobName() + "-" + execution.getJobInstance().getInstanceId() + "-";
		return Stream.of(prefix + "errors.csv", prefix + "rejects.jsonl")
			.map(directory::resolve)
			.filter(Files::isRegularFile)
			.findFirst();
	}
}
