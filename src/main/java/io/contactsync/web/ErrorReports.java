package io.contactsync.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The error report a run wrote, if any. Jobs name their reports {@code <job>-<run>-errors.csv} (crm-push) or
 * {@code <job>-<run>-rejects.jsonl} (capture-import) in the reports directory, where the run is the job instance's id;
 * a dry run's payloads are not errors and are not offered.
 */
@Component
class ErrorReports {

	private final Path directory;

	ErrorReports(@Value("${contactsync.reports-directory:data/reports}") Path directory) {
		this.directory = directory;
	}

	Optional<Path> of(JobExecution execution) {
		String prefix = execution.getJobInstance().getJobName() + "-" + execution.getJobInstance().getInstanceId() + "-";
		if (!Files.isDirectory(directory)) {
			return Optional.empty();
		}
		try (Stream<Path> files = Files.list(directory)) {
			return files.filter(file -> {
				String name = file.getFileName().toString();
				return name.startsWith(prefix) && (name.contains("-errors.") || name.contains("-rejects."));
			}).filter(Files::isRegularFile).sorted().findFirst();
		}
		catch (IOException ex) {
			return Optional.empty();
		}
	}
}
