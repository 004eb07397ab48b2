package io.contactsync.dedup;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The dedup job's settings.
 *
 * @param rulesFile  the match rules (see jobs/dedup.yml); absent, the dedup job does not run
 * @param partitions parts of the normalising, scoring and merge steps run side by side: about one per core, since
 *                   with the embedded PostgreSQL Java and the database share the machine
 */
@ConfigurationProperties("contactsync.dedup")
public record DedupProperties(@DefaultValue("jobs/dedup.yml") Path rulesFile, @DefaultValue("2") int partitions) {

	public DedupProperties {
		// Checked here rather than as the job is built, so that the start, not the first nightly run, names it.
		if (partitions < 1) {
			throw new IllegalStateException(
					"contactsync.dedup.partitions must be 1 or more (about one per core), not " + partitions);
		}
	}
}
