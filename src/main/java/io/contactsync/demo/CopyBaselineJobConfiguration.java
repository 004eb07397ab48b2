package io.contactsync.demo;

import java.util.List;

import javax.sql.DataSource;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The job {@code copy-baseline}: times COPY loading the store's contacts, identities, conversations and
 * messages into empty copies of their tables (see {@link CopyBaseline}), for the capture-import benchmark.
 */
@Configuration(proxyBeanMethods = false)
class CopyBaselineJobConfiguration {

	@Bean
	Step measureCopyStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			DataSource dataSource) {
		return new StepBuilder("measureCopy", jobRepository).tasklet((contribution, chunkContext) -> {
			List<CopyBaseline.Timing> timings = new CopyBaseline(dataSource).measure();
			long rows = timings.stream().mapToLong(CopyBaseline.Timing::rows).sum();
			double seconds = timings.stream().mapToDouble(CopyBaseline.Timing::seconds).sum();
			double withoutKeys = timings.stream().mapToDouble(CopyBaseline.Timing::secondsWithoutForeignKeys).sum();
			contribution.incrementWriteCount(rows);
			String each = String.join(", ", timings.stream()
				.map(t -> String.format("%s %d rows in %.2f s", t.table(), t.rows(), t.seconds()))
				.toList());
			contribution.setExitStatus(ExitStatus.COMPLETED.addExitDescription(String.format(
					"COPY loaded %d rows in %.2f s (%s); without foreign keys in %.2f s", rows, seconds, each, withoutKeys)));
			return RepeatStatus.FINISHED;
		}, transactionManager).build();
	}

	@Bean
	Job copyBaselineJob(JobRepository jobRepository, Step measureCopyStep) {
		return new JobBuilder("copy-baseline", jobRepository).start(measureCopyStep).build();
	}
}
