package io.contactsync.policy;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the files people edit live. Both are relative to the working directory, so that a service started in a
 * checkout finds the files it ships with.
 *
 * @param jobsDirectory     the job policy files (nightly-sync.yml with its schedule, retention.yml, ...)
 * @param mappingsDirectory the CRM mapping files (*.yml); absent means no CRM pushes
 */
@ConfigurationProperties("contactsync")
public record PolicyFilesProperties(@DefaultValue("jobs") Path jobsDirectory,
		@DefaultValue("mappings") Path mappingsDirectory) {
}
