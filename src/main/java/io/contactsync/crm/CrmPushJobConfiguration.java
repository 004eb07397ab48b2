package io.contactsync.crm;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.contactsync.dedup.ReviewRequests;
import io.contactsync.jobs.IdRangePartitioner;
import io.contactsync.jobs.PartitionedSteps;
import io.contactsync.jobs.RunReports;
import io.contactsync.jobs.RunReports.Kind;
import io.contactsync.jobs.TableUpkeep;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.flow.FlowExecutionStatus;
import org.springframework.batch.core.job.flow.JobExecutionDecider;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * The job {@code crm-push}: contacts in each mapping's scope, mapped and sent in the CRM's batches, only
 * those whose fields changed since the last successful push. Parameters: {@code target} (a mapping's name;
 * all mappings without it), {@code dryRun=true} (write the requests to a report, send nothing) and
 * {@code failedOnly=true} (only the contacts whose last push failed; deletions of purged contacts still go).
 */
@Configuration(proxyBeanMethods = false)
class CrmPushJobConfiguration {

	static final String JOB_NAME = "crm-push";

	/** Contacts per transaction; the writer cuts them into each mapping's batches. */
	private static final int CHUNK_SIZE = 2_000;

	/** The worker step of each id range; its executions are named {@code pushContactsPartition:partition<i>}. */
	static final String PARTITION_STEP = "pushContactsPartition";

	@Bean
	Map<CrmTarget, CrmConnector> crmConnectors(List<CrmConnector> connectors) {
		Map<CrmTarget, CrmConnector> byTarget = new EnumMap<>(CrmTarget.class);
		connectors.forEach(connector -> byTarget.put(connector.target(), connector));
		return byTarget;
	}

	@Bean
	@StepScope
	PushCandidateReader pushCandidateReader(CrmMappings mappings, Map<CrmTarget, CrmConnector> crmConnectors,
			@Value("#{jobParameters['target']}") String target, JdbcClient jdbc, JsonMapper json,
			@Value("#{jobExecutionContext['" + SchemaCheckTasklet.INVALID + "']}") String invalid,
			@Value("#{stepExecutionContext['" + IdRangePartitioner.FIRST + "']}") long first,
			@Value("#{stepExecutionContext['" + IdRangePartitioner.LAST + "']}") long last,
			@Value("#{jobParameters['" + CrmPushParameters.FAILED_ONLY + "'] ?: 'false'}") boolean failedOnly) {
		return new PushCandidateReader(SchemaCheckTasklet.sending(runMappings(mappings, crmConnectors, target), invalid),
				jdbc, json, new IdRangePartitioner.Range(first, last), failedOnly);
	}

	@Bean
	@StepScope
	PushWriter pushWriter(Map<CrmTarget, CrmConnector> crmConnectors, DataSource dataSource, JdbcClient jdbc,
			JsonMapper json, CrmSenders senders, ReviewRequests review, TableUpkeep upkeep,
			@Value("#{jobParameters['dryRun'] ?: 'false'}") boolean dryRun,
			@Value("#{stepExecution.jobExecution.jobInstanceId}") long runId, RunReports reports) {
		return new PushWriter(crmConnectors, dataSource, json, senders, dryRun, reports.of(JOB_NAME, runId, Kind.DRY_RUN),
				plan(reports, runId, json, senders), new SharedRecords(jdbc, dryRun ? null : review, upkeep));
	}

	private static PushPlan plan(RunReports reports, long runId, JsonMapper json, CrmSenders senders) {
		return new PushPlan(reports.of(JOB_NAME, runId, Kind.PLAN), json, senders);
	}

	@Bean
	@StepScope
	PushReport pushReport(CrmMappings mappings, Map<CrmTarget, CrmConnector> crmConnectors,
			@Value("#{jobParameters['target']}") String target, JdbcClient jdbc, JobRepository jobRepository,
			CrmProperties properties, @Value("#{jobExecutionContext['" + SchemaCheckTasklet.INVALID + "']}") String invalid,
			@Value("#{stepExecution.jobExecution.jobInstanceId}") long runId, RunReports reports) {
		return new PushReport(SchemaCheckTasklet.sending(runMappings(mappings, crmConnectors, target), invalid), jdbc,
				new PushReport.Partitions(jobRepository, PARTITION_STEP, properties.partitions()),
				reports.of(JOB_NAME, runId, Kind.ERRORS), reports.of(JOB_NAME, runId, Kind.DRY_RUN));
	}

	/**
	 * The push: the contact ids cut into up to {@code contactsync.crm.partitions} ranges, each pushed by
	 * {@code pushContactsPartitionStep} at the same time as the others (on this process's threads, or in a cluster
	 * by the workers). While one range reads, maps and records
	 * a chunk, the others' batches are in flight, so the rate limit, not the chunk's round trip, sets the pace.
	 * A store smaller than two chunks stays one range, so that a small push still sends only full batches.
	 */
	@Bean
	Step pushContactsStep(JobRepository jobRepository, PlatformTransactionManager transactionManager, JdbcClient jdbc,
			PushCandidateReader pushCandidateReader, CrmRecordMapper mapper, JsonMapper json, PushWriter pushWriter,
			CrmProperties properties, PushReport pushReport, PartitionedSteps partitionedSteps) {
		return partitionedSteps.partitioned("pushContacts",
				pushContactsPartitionStep(jobRepository, transactionManager, pushCandidateReader, mapper, json, pushWriter),
				new IdRangePartitioner(IdRangePartitioner.bounds(jdbc.sql("select min(id), max(id) from contact")),
						CHUNK_SIZE),
				properties.partitions(), jobRepository)
			.listener(pushReport)
			.build();
	}

	/**
	 * One id range: read, map, leave out what is unchanged, send and record, a chunk at a time. Not a bean:
	 * Spring Batch's BatchObservabilityBeanPostProcessor would give it back the per-item observations,
	 * which cost a fifth of the push's CPU (profiled on the benchmark); the job and pushContacts keep theirs.
	 */
	private static Step pushContactsPartitionStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			PushCandidateReader pushCandidateReader, CrmRecordMapper mapper, JsonMapper json, PushWriter pushWriter) {
		return new StepBuilder(PARTITION_STEP, jobRepository).<PushCandidate, PushItem>chunk(CHUNK_SIZE)
			.observationRegistry(ObservationRegistry.NOOP)
			.transactionManager(transactionManager)
			.reader(pushCandidateReader)
			.processor(new PushProcessor(mapper, json))
			.writer(pushWriter)
			.build();
	}

	@Bean
	@StepScope
	SchemaCheckTasklet schemaCheckTasklet(CrmMappings mappings, Map<CrmTarget, CrmConnector> crmConnectors,
			MappingSchemaCheck check, @Value("#{jobParameters['target']}") String target,
			@Value("#{jobParameters['dryRun'] ?: 'false'}") boolean dryRun) {
		return new SchemaCheckTasklet(runMappings(mappings, crmConnectors, target), check, dryRun);
	}

	/** Before any data moves: each mapping held against its CRM's live schema; an invalid one sends nothing. */
	@Bean
	Step checkSchemasStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			SchemaCheckTasklet schemaCheckTasklet) {
		return new StepBuilder("checkSchemas", jobRepository).tasklet(schemaCheckTasklet, transactionManager)
			.listener(schemaCheckTasklet)
			.build();
	}

	@Bean
	@StepScope
	DeleteRemovedTasklet deleteRemovedTasklet(CrmMappings mappings, Map<CrmTarget, CrmConnector> crmConnectors,
			@Value("#{jobParameters['target']}") String target, RemovedLinks links, CrmSenders senders, JsonMapper json,
			@Value("#{jobParameters['dryRun'] ?: 'false'}") boolean dryRun,
			@Value("#{stepExecution.jobExecution.jobInstanceId}") long runId, RunReports reports) {
		return new DeleteRemovedTasklet(runMappings(mappings, crmConnectors, target), crmConnectors, links, senders, dryRun,
				reports.of(JOB_NAME, runId, Kind.DRY_RUN), plan(reports, runId, json, senders));
	}

	@Bean
	@StepScope
	MergeRecordsTasklet mergeRecordsTasklet(CrmMappings mappings, Map<CrmTarget, CrmConnector> crmConnectors,
			@Value("#{jobParameters['target']}") String target, MergedLinks links, CrmSenders senders,
			@Value("#{jobExecutionContext['" + SchemaCheckTasklet.INVALID + "']}") String invalid,
			@Value("#{jobParameters['dryRun'] ?: 'false'}") boolean dryRun,
			@Value("#{stepExecution.jobExecution.jobInstanceId}") long runId, RunReports reports, JsonMapper json) {
		return new MergeRecordsTasklet(SchemaCheckTasklet.sending(runMappings(mappings, crmConnectors, target), invalid),
				crmConnectors, links, senders, dryRun, reports.of(JOB_NAME, runId, Kind.DRY_RUN),
				plan(reports, runId, json, senders));
	}

	/** Before the push: contacts the store merged have their CRM records merged too. */
	@Bean
	Step mergeRecordsStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			MergeRecordsTasklet mergeRecordsTasklet) {
		return new StepBuilder("mergeRecords", jobRepository).tasklet(mergeRecordsTasklet, transactionManager)
			.listener(mergeRecordsTasklet)
			.build();
	}

	@Bean
	@StepScope
	PlanTasklet planTasklet(CrmMappings mappings, Map<CrmTarget, CrmConnector> crmConnectors,
			@Value("#{jobParameters['target']}") String target, JdbcClient jdbc, CrmSenders senders, JsonMapper json,
			@Value("#{jobParameters['dryRun'] ?: 'false'}") boolean dryRun,
			@Value("#{jobParameters['" + CrmPushParameters.FAILED_ONLY + "'] ?: 'false'}") boolean failedOnly,
			@Value("#{stepExecution.jobExecution.jobInstanceId}") long runId, RunReports reports) {
		// A mapping without credentials is pushed as a dry run too, so it is planned like one.
		List<CrmMapping> dry = runMappings(mappings, crmConnectors, target).stream()
			.filter(mapping -> dryRun || !crmConnectors.get(mapping.target()).hasCredentials(mapping))
			.toList();
		return new PlanTasklet(dry, jdbc, plan(reports, runId, json, senders), failedOnly);
	}

	/** A dry run's last step: each target's plan in a line, every contact's in the plan report. */
	@Bean
	Step planStep(JobRepository jobRepository, PlatformTransactionManager transactionManager, PlanTasklet planTasklet) {
		return new StepBuilder("plan", jobRepository).tasklet(planTasklet, transactionManager)
			.listener(planTasklet)
			.build();
	}

	@Bean
	@StepScope
	SettleSharedTasklet settleSharedTasklet(CrmMappings mappings, Map<CrmTarget, CrmConnector> crmConnectors,
			@Value("#{jobParameters['target']}") String target, JdbcClient jdbc, ReviewRequests review,
			@Value("#{jobParameters['dryRun'] ?: 'false'}") boolean dryRun) {
		return new SettleSharedTasklet(runMappings(mappings, crmConnectors, target), jdbc, review, dryRun);
	}

	/** After the push: two contacts of one key that reached one CRM record at once keep it for one of them. */
	@Bean
	Step settleSharedStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			SettleSharedTasklet settleSharedTasklet) {
		return new StepBuilder("settleShared", jobRepository).tasklet(settleSharedTasklet, transactionManager).build();
	}

	@Bean
	@StepScope
	PushActivitiesTasklet pushActivitiesTasklet(CrmMappings mappings, Map<CrmTarget, CrmConnector> crmConnectors,
			@Value("#{jobParameters['target']}") String target, ActivityLinks links, CrmSenders senders,
			CrmProperties properties,
			@Value("#{jobExecutionContext['" + SchemaCheckTasklet.INVALID + "']}") String invalid,
			@Value("#{jobParameters['dryRun'] ?: 'false'}") boolean dryRun,
			@Value("#{stepExecution.jobExecution.jobInstanceId}") long runId, RunReports reports, JsonMapper json) {
		return new PushActivitiesTasklet(SchemaCheckTasklet.sending(runMappings(mappings, crmConnectors, target), invalid),
				crmConnectors, links, senders, properties.concurrency(), dryRun,
				reports.of(JOB_NAME, runId, Kind.DRY_RUN), plan(reports, runId, json, senders));
	}

	/** After the contacts: their conversations as activities on their CRM records. */
	@Bean
	Step pushActivitiesStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			PushActivitiesTasklet pushActivitiesTasklet) {
		return new StepBuilder("pushActivities", jobRepository).tasklet(pushActivitiesTasklet, transactionManager)
			.listener(pushActivitiesTasklet)
			.build();
	}

	/** After the push: contacts deleted from the store are deleted in the CRMs they reached. */
	@Bean
	Step deleteRemovedStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			DeleteRemovedTasklet deleteRemovedTasklet) {
		return new StepBuilder("deleteRemoved", jobRepository).tasklet(deleteRemovedTasklet, transactionManager)
			.listener(deleteRemovedTasklet)
			.build();
	}

	@Bean
	Job crmPushJob(JobRepository jobRepository, Step checkSchemasStep, Step mergeRecordsStep, Step pushContactsStep,
			Step settleSharedStep, Step pushActivitiesStep, Step deleteRemovedStep, Step planStep, CrmMappings mappings, TableUpkeep upkeep) {
		return new JobBuilder(JOB_NAME, jobRepository).validator(new CrmPushParameters(mappings))
			.start(DELETIONS_ONLY_DECIDER)
			.on(DELETIONS).to(deleteRemovedStep)
			.from(DELETIONS_ONLY_DECIDER)
			.on("*").to(checkSchemasStep).next(mergeRecordsStep).next(pushContactsStep).next(settleSharedStep)
			.next(pushActivitiesStep).next(deleteRemovedStep)
			.next(planStep)
			.next(upkeep.step(jobRepository, "pushContacts", List.of("crm_link")))
			.end()
			.build();
	}

	/** {@code only=deletions}: the contacts deleted from the store are deleted in the CRMs, nothing is pushed. */
	static final String DELETIONS = "deletions";

	/**
	 * Whether the run only deletes. nightly-sync runs it so when a step before it failed: pushing a store that
	 * missed tonight's captures or dedup can wait for the restart, a purged contact's deletion cannot.
	 */
	private static final JobExecutionDecider DELETIONS_ONLY_DECIDER = (jobExecution, stepExecution) ->
		new FlowExecutionStatus(DELETIONS.equals(jobExecution.getJobParameters().getString("only")) ? DELETIONS : "ALL");

	/** The run's mappings: the named one, or all of those whose CRM has a connector. */
	private static List<CrmMapping> runMappings(CrmMappings mappings, Map<CrmTarget, CrmConnector> connectors,
			String target) {
		return (target == null ? mappings.all() : List.of(mappings.byName(target).orElseThrow())).stream()
			.filter(mapping -> connectors.containsKey(mapping.target()))
			.toList();
	}
}
