package io.contactsync.jobs;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the platform runs jobs. The policy files' directory is the policy module's ({@code contactsync.jobs-directory},
 * see {@link io.contactsync.policy.PolicyFilesProperties}); the import and export roots are {@link FileRootsProperties}.
 *
 * @param reportsDirectory where runs write their reject, error and dry-run reports
 * @param progressInterval how often {@code run <job>} prints what the running step has done so far
 * @param stopTimeout      how long a shutdown waits for running jobs to stop at a chunk boundary before it exits
 *                         anyway (the run is then resumed as a dead one)
 */
@ConfigurationProperties("contactsync")
public record JobPlatformProperties(@DefaultValue("data/reports") Path reportsDirectory,
		@DefaultValue("10s") Duration progressInterval, @DefaultValue("25s") Duration stopTimeout) {

	public JobPlatformProperties {
		// The progress timer is started only when a job runs: a zero interval would fail the run, not the start.
		if (progressInterval.toMillis() < 1) {
			throw new IllegalStateException("contactsync.progress-interval must be at least 1ms, was " + progressInterval);
		}
		if (stopTimeout.isNegative()) {
			throw new IllegalStateException("contactsync.stop-timeout must not be negative, was " + stopTimeout);
		}
	}
}
