package io.contactsync.demo;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import io.contactsync.store.PhoneNumbers;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * The benchmark jobs of dedup. {@code dedup-sample} fills the store with labelled contacts: generated people
 * ({@code contacts}, {@code duplicates} percent, {@code seed}) by {@code generator} {@code channels} (across the
 * channels, {@link LabelledSampleFactory}) or {@code geco} (GeCo's corruption model, {@link GecoSampleFactory}),
 * or the FEBRL files named by {@code febrl} (comma-separated). {@code dedup-evaluate} prints precision, recall and
 * F1 of what dedup did against the labels.
 */
@Configuration(proxyBeanMethods = false)
class DedupSampleJobConfiguration {

	private static final int PEOPLE_PER_BATCH = 20_000;

	private static final String NEXT = "dedupSample.next";

	@Bean
	@StepScope
	Tasklet dedupSampleTasklet(DataSource dataSource, PhoneNumbers phoneNumbers, JsonMapper json,
			@Value("#{jobParameters['contacts'] ?: '10000'}") long contacts,
			@Value("#{jobParameters['duplicates'] ?: '10'}") int duplicates,
			@Value("#{jobParameters['seed'] ?: '1'}") long seed, @Value("#{jobParameters['febrl']}") String febrl,
			@Value("#{jobParameters['generator'] ?: 'channels'}") String generator) {
		SampleWriter writer = new SampleWriter(phoneNumbers, json);
		Instant anchor = Instant.parse("2026-11-01T00:00:00Z");
		if (febrl != null) {
			return (contribution, chunkContext) -> {
				List<SampleRecord> records = new ArrayList<>();
				for (String file : febrl.split(",")) {
					records.addAll(FebrlFile.read(Path.of(file.strip()), anchor));
				}
				write(dataSource, writer, records);
				contribution.incrementWriteCount(records.size());
				return RepeatStatus.FINISHED;
			};
		}
		boolean geco = generator.equals("geco");
		SampleFactory factory = geco ? new GecoSampleFactory(seed, duplicates, anchor)
				: new LabelledSampleFactory(seed, duplicates, anchor);
		long people = SampleText.people(contacts, duplicates);
		// One batch of people per transaction; the next batch's first person is kept for a restart.
		return (contribution, chunkContext) -> {
			ExecutionContext context = contribution.getStepExecution().getExecutionContext();
			long next = context.containsKey(NEXT) ? context.getLong(NEXT) : 0;
			long end = Math.min(people, next + PEOPLE_PER_BATCH);
			List<SampleRecord> records = new ArrayList<>();
			for (long n = next; n < end; n++) {
				records.addAll(factory.person(n));
			}
			write(dataSource, writer, records);
			contribution.incrementWriteCount(records.size());
			context.putLong(NEXT, end);
			return end < people ? RepeatStatus.CONTINUABLE : RepeatStatus.FINISHED;
		};
	}

	private static void write(DataSource dataSource, SampleWriter writer, List<SampleRecord> records)
			throws Exception {
		Connection connection = DataSourceUtils.getConnection(dataSource);
		try {
			writer.write(connection, records);
		}
		finally {
			DataSourceUtils.releaseConnection(connection, dataSource);
		}
	}

	@Bean
	Step dedupSampleStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			Tasklet dedupSampleTasklet, JdbcClient jdbc) {
		return new StepBuilder("dedupSample", jobRepository).tasklet(dedupSampleTasklet, transactionManager)
			.listener(new org.springframework.batch.core.listener.StepExecutionListener() {
				@Override
				public ExitStatus afterStep(org.springframework.batch.core.step.StepExecution step) {
					jdbc.sql("analyze contact, contact_identity, conversation").update();
					return step.getExitStatus();
				}
			})
			.build();
	}

	@Bean
	Job dedupSampleJob(JobRepository jobRepository, Step dedupSampleStep) {
		return new JobBuilder("dedup-sample", jobRepository).validator(new DedupSampleParametersValidator())
			.start(dedupSampleStep)
			.build();
	}

	@Bean
	Step dedupEvaluateStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			JdbcClient jdbc) {
		return new StepBuilder("dedupEvaluate", jobRepository).tasklet((contribution, chunkContext) -> {
			contribution.setExitStatus(ExitStatus.COMPLETED.addExitDescription(new DedupEvaluation(jdbc).measure()
				.describe()));
			return RepeatStatus.FINISHED;
		}, transactionManager).build();
	}

	@Bean
	Job dedupEvaluateJob(JobRepository jobRepository, Step dedupEvaluateStep) {
		return new JobBuilder("dedup-evaluate", jobRepository).start(dedupEvaluateStep).build();
	}
}
