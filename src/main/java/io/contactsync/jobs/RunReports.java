package io.contactsync.jobs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.stereotype.Component;

/**
 * The files runs leave in the reports directory, named {@code <job>-<run>-<kind>} where the run is the job
 * instance's id. The jobs that write them and the dashboard that offers them both name them here, so a renamed
 * report cannot silently vanish from the dashboard.
 */
@Component
public class RunReports {

	/** What a report holds, by the end of its name. */
	public enum Kind {

		/** The records a CRM refused, one a row (crm-push). */
		ERRORS("errors.csv", true),

		/** The capture records that were not imported, and why (capture-import). */
		REJECTS("rejects.jsonl", true),

		/** The exact requests a dry run would have sent: what was asked for, not errors. */
		DRY_RUN("dry-run.jsonl", false),

		/** What a dry run would do to each contact: create, update (with each field's change), delete, refuse. */
		PLAN("plan.jsonl", false);

		private final String suffix;

		private final boolean error;

		Kind(String suffix, boolean error) {
			this.suffix = suffix;
			this.error = error;
		}
	}

	private final Path directory;

	RunReports(JobPlatformProperties properties) {
		this.directory = properties.reportsDirectory();
	}

	/** Where the run {@code run} of {@code job} writes its report of that kind. */
	public Path of(String job, long run, Kind kind) {
		return directory.resolve(job + "-" + run + "-" + kind.suffix);
	}

	/**
	 * The error report the run wrote, if any: the few names to look for, not a directory to list on every page
	 * and status poll.
	 */
	public Optional<Path> errorReport(JobExecution execution) {
		String job = execution.getJobInstance().getJobName();
		long run = execution.getJobInstance().getInstanceId();
		return Arrays.stream(Kind.values())
			.filter(kind -> kind.error)
			.map(kind -> of(job, run, kind))
			.filter(Files::isRegularFile)
			.findFirst();
	}
}
