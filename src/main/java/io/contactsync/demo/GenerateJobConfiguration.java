package io.contactsync.demo;

import java.util.List;

import javax.sql.DataSource;

import io.contactsync.jobs.TableUpkeep;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The job {@code generate}: realistic contacts across the five channels, with conversations and messages,
 * for trying the API and for benchmarks. Parameters: {@code contacts} (how many, default 1000) and
 * {@code seed} (default 1; the same seed makes the same people, a new seed new ones).
 */
@Configuration(proxyBeanMethods = false)
class GenerateJobConfiguration {

	static final String JOB_NAME = "generate";

	private static final int CHUNK_SIZE = 1_000;

	@Bean
	@StepScope
	ContactNumberReader contactNumberReader(@Value("#{jobParameters['contacts'] ?: '1000'}") long contacts,
			@Value("#{jobParameters['seed'] ?: '1'}") long seed) {
		return new ContactNumberReader(contacts, seed);
	}

	@Bean
	Step generateContactsStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			ContactNumberReader contactNumberReader, DataSource dataSource) {
		GeneratedContactWriter writer = new GeneratedContactWriter(dataSource);
		return new StepBuilder("generateContacts", jobRepository).<ContactSeed, GeneratedContact>chunk(CHUNK_SIZE)
			.transactionManager(transactionManager)
			.reader(contactNumberReader)
			.processor(new SampleContactFactory())
			.writer(writer)
			.listener(writer)
			.build();
	}

	@Bean
	Job generateJob(JobRepository jobRepository, Step generateContactsStep, TableUpkeep upkeep) {
		// Fresh statistics and a visibility map for the tables just filled: without them the planner takes a
		// million new rows for a few dozen, and the first read rewrites every page.
		return new JobBuilder(JOB_NAME, jobRepository).validator(new GenerateParametersValidator())
			.start(generateContactsStep)
			.next(upkeep.step(jobRepository, "generateContacts",
					List.of("contact", "contact_identity", "conversation", "message")))
			.build();
	}
}
