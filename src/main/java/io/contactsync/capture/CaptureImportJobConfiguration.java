package io.contactsync.capture;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.OptionalLong;

import javax.sql.DataSource;

import io.contactsync.capture.channel.ChannelPayloads;
import io.contactsync.jobs.RunReports;
import io.contactsync.jobs.RunReports.Kind;
import io.contactsync.jobs.TableUpkeep;
import io.contactsync.store.PhoneNumbers;
import org.springframework.batch.core.configuration.annotation.JobScope;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.skip.SkipPolicy;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * The job {@code capture-import}: channel payloads, canonical events and the contact table into the
 * store, exactly once. Three steps, each restartable on its own:
 * <ol>
 * <li>{@code stageCaptures} reads the input (or the inbox), turns each record into canonical events and
 * copies them into capture_staging; a record it cannot take is skipped into the reject report;</li>
 * <li>{@code mergeCaptures} merges the staged events into contacts, identities, conversations and
 * messages, set-based, in one transaction;</li>
 * <li>{@code finishCaptures} writes the reject report, settles the inbox entries and clears staging.</li>
 * </ol>
 */
@Configuration(proxyBeanMethods = false)
class CaptureImportJobConfiguration {

	static final String JOB_NAME = "capture-import";

	/** Records per transaction: large enough that committing (and saving the position) costs little. */
	private static final int CHUNK_SIZE = 5_000;

	@Bean
	@StepScope
	CaptureReader captureReader(@Value("#{jobParameters['input']}") String input,
			@Value("#{jobParameters['channel']}") String channel, DataSource dataSource, JdbcClient jdbc)
			throws Exception {
		if (input == null) {
			return new CaptureReader(CaptureInboxReader.create(dataSource), () -> OptionalLong.of(jdbc
				.sql("select count(*) from capture_inbox where status = 'pending'").query(Long.class).single()), false);
		}
		Path files = Path.of(input);
		return new CaptureReader(new CaptureFileReader(files, channel),
				() -> CaptureFileEstimate.records(CaptureFileReader.captureFiles(files)), true);
	}

	@Bean
	@StepScope
	CaptureRecordProcessor captureProcessor(ChannelPayloads payloads, JsonMapper json, PhoneNumbers phoneNumbers,
			ZoneId zone) {
		return new CaptureRecordProcessor(payloads, json, phoneNumbers, zone);
	}

	@Bean
	@StepScope
	CaptureStagingWriter captureStagingWriter(DataSource dataSource, JsonMapper json,
			@Value("#{stepExecution.jobExecution.jobInstanceId}") long runId) {
		return new CaptureStagingWriter(dataSource, json, runId);
	}

	@Bean
	@StepScope
	CaptureRejectRecorder captureRejectRecorder(JdbcClient jdbc,
			@Value("#{stepExecution.jobExecution.jobInstanceId}") long runId) {
		return new CaptureRejectRecorder(jdbc, runId);
	}

	@Bean
	@StepScope
	CaptureStagingListener captureStagingListener(RejectReport reports,
			@Value("#{stepExecution.jobExecution.jobInstanceId}") long runId, RunReports runReports) {
		return new CaptureStagingListener(reports, runId, runReports.of(JOB_NAME, runId, Kind.REJECTS));
	}

	/** Rejected records are skipped up to {@code skipLimit} (no limit by default); anything else fails. */
	@Bean
	@JobScope
	SkipPolicy captureSkipPolicy(@Value("#{jobParameters['skipLimit']}") Long skipLimit) {
		long limit = skipLimit == null ? Long.MAX_VALUE : skipLimit;
		return (failure, skipCount) -> failure instanceof CaptureRejectedException && skipCount < limit;
	}

	@Bean
	Step stageCapturesStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			CaptureReader captureReader, CaptureRecordProcessor captureProcessor,
			CaptureStagingWriter captureStagingWriter, CaptureRejectRecorder captureRejectRecorder,
			CaptureStagingListener captureStagingListener, SkipPolicy captureSkipPolicy) {
		return new StepBuilder("stageCaptures", jobRepository).<CaptureRecord, StagedCapture>chunk(CHUNK_SIZE)
			.transactionManager(transactionManager)
			.reader(captureReader)
			.processor(captureProcessor)
			.writer(captureStagingWriter)
			.stream(captureProcessor)
			.faultTolerant()
			.skipPolicy(captureSkipPolicy)
			.skipListener(captureRejectRecorder)
			.listener(captureStagingListener)
			.build();
	}

	@Bean
	@StepScope
	CaptureMerge captureMerge(JdbcClient jdbc, @Value("#{stepExecution.jobExecution.jobInstanceId}") long runId) {
		return new CaptureMerge(jdbc, runId);
	}

	@Bean
	Step mergeCapturesStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			CaptureMerge captureMerge) {
		return new StepBuilder("mergeCaptures", jobRepository).tasklet(captureMerge, transactionManager).build();
	}

	@Bean
	@StepScope
	CaptureImportFinish captureImportFinish(JdbcClient jdbc, RejectReport reports,
			@Value("#{stepExecution.jobExecution.jobInstanceId}") long runId, RunReports runReports) {
		return new CaptureImportFinish(jdbc, reports, runId, runReports.of(JOB_NAME, runId, Kind.REJECTS));
	}

	@Bean
	Step finishCapturesStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			CaptureImportFinish captureImportFinish) {
		return new StepBuilder("finishCaptures", jobRepository).tasklet(captureImportFinish, transactionManager).build();
	}

	@Bean
	Job captureImportJob(JobRepository jobRepository, Step stageCapturesStep, Step mergeCapturesStep,
			Step finishCapturesStep, TableUpkeep upkeep) {
		return new JobBuilder(JOB_NAME, jobRepository).validator(new CaptureImportParametersValidator())
			.start(stageCapturesStep)
			.next(mergeCapturesStep)
			.next(finishCapturesStep)
			.next(upkeep.step(jobRepository, "mergeCaptures",
					List.of("contact", "contact_identity", "conversation", "message", "capture_inbox")))
			.build();
	}
}
