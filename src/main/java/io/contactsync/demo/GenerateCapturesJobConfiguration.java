package io.contactsync.demo;

import java.nio.file.Path;

import io.contactsync.capture.CanonicalEvents;
import io.contactsync.jobs.RunParameters;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.DefaultJobParametersValidator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The job {@code generate-captures}: a JSON Lines file of canonical capture events for capture-import.
 * Parameters: {@code output} (the file), {@code events} (default 1,000,000), {@code visitors} (default
 * 100,000), {@code conversations} (default 200,000), {@code seed} (default 1). Running it again writes
 * the same file again.
 */
@Configuration(proxyBeanMethods = false)
class GenerateCapturesJobConfiguration {

	@Bean
	@StepScope
	Tasklet writeCaptureEvents(CanonicalEvents canonical, @Value("#{jobParameters['output']}") Path output,
			@Value("#{jobParameters['events'] ?: '1000000'}") long events,
			@Value("#{jobParameters['visitors'] ?: '100000'}") long visitors,
			@Value("#{jobParameters['conversations'] ?: '200000'}") long conversations,
			@Value("#{jobParameters['seed'] ?: '1'}") long seed) {
		return (contribution, chunkContext) -> {
			long written = new CaptureEventsFile(canonical).write(output, events, visitors, conversations, seed);
			contribution.incrementWriteCount(written);
			return RepeatStatus.FINISHED;
		};
	}

	@Bean
	Step writeCaptureEventsStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			Tasklet writeCaptureEvents) {
		return new StepBuilder("writeCaptureEvents", jobRepository).tasklet(writeCaptureEvents, transactionManager)
			.build();
	}

	@Bean
	Job generateCapturesJob(JobRepository jobRepository, Step writeCaptureEventsStep) {
		return new JobBuilder("generate-captures", jobRepository)
			.validator(new DefaultJobParametersValidator(new String[] { "output" },
					new String[] { "events", "visitors", "conversations", "seed", RunParameters.RUN_ID, RunParameters.SCHEDULED_FOR }))
			.start(writeCaptureEventsStep)
			.build();
	}
}
