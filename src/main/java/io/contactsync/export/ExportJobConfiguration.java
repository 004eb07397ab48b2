package io.contactsync.export;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneId;

import io.contactsync.config.OwnerOnlyFiles;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The job {@code export}: the contacts the filters select, written to {@code output} in {@code format}, exactly as
 * the API's download. The file appears whole or not at all: it is written beside its name and moved into place,
 * so a run killed midway leaves the previous file, and running again writes it anew.
 */
@Configuration(proxyBeanMethods = false)
class ExportJobConfiguration {

	static final String JOB_NAME = "export";

	@Bean
	@StepScope
	Tasklet exportContactsTasklet(ContactExporter exporter, ZoneId zone,
			@Value("#{stepExecution}") StepExecution stepExecution) {
		return (contribution, chunkContext) -> {
			ExportJobParameters parameters = ExportJobParameters.of(stepExecution.getJobParameters(), zone);
			Path output = Path.of(parameters.output()).toAbsolutePath();
			Path partial = output.resolveSibling(output.getFileName() + ".part");
			long rows;
			try (OutputStream out = OwnerOnlyFiles.newOutputStream(partial)) {
				rows = exporter.export(parameters.search(), parameters.format(), out, "job " + JOB_NAME,
						parameters.filter());
			}
			Files.move(partial, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			contribution.incrementWriteCount(rows);
			contribution.setExitStatus(contribution.getExitStatus().addExitDescription(rows + " contacts written to "
					+ output));
			return RepeatStatus.FINISHED;
		};
	}

	@Bean
	Step exportContactsStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			Tasklet exportContactsTasklet) {
		return new StepBuilder("exportContacts", jobRepository).tasklet(exportContactsTasklet, transactionManager).build();
	}

	@Bean
	Job exportJob(JobRepository jobRepository, Step exportContactsStep, ZoneId zone) {
		return new JobBuilder(JOB_NAME, jobRepository).validator(parameters -> ExportJobParameters.of(parameters, zone))
			.start(exportContactsStep)
			.build();
	}
}
