package io.contactsync.jobs;

import java.time.ZoneId;

import io.contactsync.policy.PolicyFilesProperties;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The platform's settings, and the job files made from them here so that {@link JobFiles} keeps a constructor of
 * plain values that its tests call directly.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ JobPlatformProperties.class, TableUpkeepProperties.class, ClusterProperties.class })
class JobPlatformConfiguration {

	@Bean
	JobFiles jobFiles(PolicyFilesProperties policyFiles, ZoneId zone) {
		return new JobFiles(policyFiles.jobsDirectory(), zone);
	}

	@Bean
	TableUpkeep tableUpkeep(JdbcClient jdbc, TableUpkeepProperties properties,
			PlatformTransactionManager transactionManager) {
		return new TableUpkeep(jdbc, properties, transactionManager);
	}
}
