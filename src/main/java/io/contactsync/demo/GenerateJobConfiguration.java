package io.contactsync.demo;

import javax.sql.DataSource;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
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

	/**
	 * Fresh statistics for the tables just filled: without them the planner takes a million new rows for
	 * a few dozen until autovacuum comes round, and plans (and the list's total estimate) go wrong.
	 */
	@Bean
	Step analyzeStoreStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			JdbcClient jdbc) {
		return new StepBuilder("analyzeStore", jobRepository).tasklet((contribution, chunkContext) -> {
			jdbc.sql("analyze contact, contact_identity, conversation, message").update();
			return RepeatStatus.FINISHED;
		}, transactionManager).build();
	}

	@Bean
	Job generateJob(JobRepository jobRepository, Step generateContactsStep, Step analyzeStoreStep) {
		return new JobBuilder(JOB_NAME, jobRepository).validator(new GenerateParametersValidator())
			.start(generateContactsStep)
			.next(analyzeStoreStep)
			.build();
	}
}
