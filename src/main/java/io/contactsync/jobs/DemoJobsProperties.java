package io.contactsync.jobs;

import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The jobs that make or measure sample data. They write into the store itself, so outside the {@code dev} profile
 * they run only from the command line: over HTTP and on the dashboard they are as if they did not exist.
 */
@ConfigurationProperties("contactsync.demo-jobs")
public record DemoJobsProperties(boolean enabled) {

	static final Set<String> JOBS = Set.of("generate", "generate-captures", "copy-baseline", "dedup-sample",
			"dedup-evaluate");

	/** Whether the job may be launched, listed and read over HTTP and the dashboard. */
	boolean offersOverHttp(String job) {
		return enabled || !JOBS.contains(job);
	}
}
