package io.contactsync.dedup;

import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.contactsync.dedup.PairScorer.PairScore;
import io.contactsync.jobs.IdRangePartitioner;
import io.contactsync.jobs.PartitionedSteps;
import io.contactsync.jobs.TableUpkeep;
import io.micrometer.observation.ObservationRegistry;
import io.contactsync.store.PhoneNumbers;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.database.JdbcPagingItemReader;
import org.springframework.batch.infrastructure.item.database.Order;
import org.springframework.batch.infrastructure.item.database.builder.JdbcPagingItemReaderBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * The job {@code dedup}: finds contacts that are one person and merges them, or asks a person when unsure.
 * <ol>
 * <li>dedupFeatures: every live contact normalised, with its blocking keys (chunks, Java);</li>
 * <li>dedupBlocking: the pairs that share a key, never all pairs (SQL);</li>
 * <li>dedupScoring: each pair scored by the rules; those at or above review kept (chunks, Java);</li>
 * <li>dedupClustering: clusters to merge and candidates to review, without chaining;</li>
 * <li>dedupMerge: the clusters merged, set-based, each part of the plan in one transaction;</li>
 * <li>dedupCleanup: the run's work tables emptied.</li>
 * </ol>
 * Features, scoring and merge are partitioned ({@code contactsync.dedup.partitions}, default 2): their parts
 * run side by side, so that while one part's Java works the other's SQL runs, and PostgreSQL updates the
 * contact table from two backends at once. Features and scoring cut ids into ranges; the merge plan comes
 * in parts already, since the clustering step writes each cluster into one part (clusters share no contact,
 * so the parts never touch the same rows).
 * <p>
 * Every step keeps its work under the run's id and each part is a step execution of its own, so a run killed
 * anywhere resumes where it stopped and ends as an uninterrupted run would; a second run finds nothing new to
 * do.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DedupProperties.class)
class DedupJobConfiguration {

	static final String JOB_NAME = "dedup";

	private static final int CHUNK_SIZE = 5_000;

	/*
	 * The chunk steps go without per-item observations: a million items each timed cost seconds and say less
	 * than the step's own counts and time. Their partition steps are not beans for the same reason: Spring
	 * Batch's BatchObservabilityBeanPostProcessor would give the observations back.
	 */
	private static final String RUN_ID = "#{stepExecution.jobExecution.jobInstanceId}";

	private static final String FIRST = "#{stepExecutionContext['" + IdRangePartitioner.FIRST + "']}";

	private static final String LAST = "#{stepExecutionContext['" + IdRangePartitioner.LAST + "']}";

	@Bean
	@StepScope
	LiveContactReader dedupContactReader(DataSource dataSource, DedupRulesFile rulesFile, JsonMapper json,
			@Value(FIRST) long first, @Value(LAST) long last) {
		return new LiveContactReader(dataSource, json, ContactNormaliser.attributeKeys(rulesFile.require()),
				new IdRangePartitioner.Range(first, last), CHUNK_SIZE);
	}

	/** The live contacts cut into id ranges, each normalised by {@code dedupFeaturesRange}. */
	@Bean
	Step dedupFeaturesStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			LiveContactReader dedupContactReader, ContactNormaliser dedupNormaliser,
			FeatureWriter dedupFeatureWriter, JdbcClient jdbc, DedupProperties properties, PartitionedSteps partitionedSteps) {
		Step range = new StepBuilder("dedupFeaturesRange", jobRepository)
			.<StoredContact, ContactFeatures>chunk(CHUNK_SIZE)
			.transactionManager(transactionManager)
			.observationRegistry(ObservationRegistry.NOOP)
			.reader(dedupContactReader)
			.processor(dedupNormaliser::normalise)
			.writer(dedupFeatureWriter)
			.build();
		IdRangePartitioner ranges = new IdRangePartitioner(
				IdRangePartitioner.bounds(jdbc.sql("select min(id), max(id) from live_contact")),
				CHUNK_SIZE);
		return partitionedSteps.partitioned("dedupFeatures", range, ranges, properties.partitions(), jobRepository)
			.listener(new StepTimer())
			.listener(DedupWorkTables.clearingOtherRuns(jdbc))
			.build();
	}

	@Bean
	@StepScope
	ContactNormaliser dedupNormaliser(DedupRulesFile rulesFile, PhoneNumbers phoneNumbers) {
		return new ContactNormaliser(rulesFile.require(), phoneNumbers);
	}

	@Bean
	@StepScope
	FeatureWriter dedupFeatureWriter(DataSource dataSource, JsonMapper json, @Value(RUN_ID) long runId) {
		return new FeatureWriter(dataSource, new FeatureRows(json), runId);
	}

	@Bean
	@StepScope
	BlockingTasklet dedupBlockingTasklet(JdbcClient jdbc, DedupRulesFile rulesFile, @Value(RUN_ID) long runId) {
		return new BlockingTasklet(jdbc, runId, rulesFile.require());
	}

	@Bean
	Step dedupBlockingStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			BlockingTasklet dedupBlockingTasklet) {
		return DedupSteps.timedTaskletStep("dedupBlocking", dedupBlockingTasklet, jobRepository,
				transactionManager);
	}

	@Bean
	@StepScope
	JdbcPagingItemReader<ContactPair> dedupPairReader(DataSource dataSource, JsonMapper json,
			@Value(RUN_ID) long runId, @Value(FIRST) long first, @Value(LAST) long last) throws Exception {
		FeatureRows rows = new FeatureRows(json);
		return new JdbcPagingItemReaderBuilder<ContactPair>().name("dedupPairReader")
			.dataSource(dataSource)
			.selectClause("select p.seq, " + FeatureRows.select("a", "a_") + ", " + FeatureRows.select("b", "b_"))
			.fromClause("""
					from dedup_pair p
					join dedup_feature a on a.run_id = p.run_id and a.contact_id = p.contact_a
					join dedup_feature b on b.run_id = p.run_id and b.contact_id = p.contact_b""")
			.whereClause("where p.run_id = :run and p.seq between :first and :last")
			.parameterValues(Map.of("run", runId, "first", first, "last", last))
			.sortKeys(Map.of("seq", Order.ASCENDING))
			.pageSize(CHUNK_SIZE)
			.fetchSize(CHUNK_SIZE)
			.rowMapper((rs, row) -> new ContactPair(rows.read(rs, "a_"), rows.read(rs, "b_")))
			.build();
	}

	/** The run's pairs cut into ranges of their sequence numbers. */
	@Bean
	@StepScope
	IdRangePartitioner dedupPairRanges(JdbcClient jdbc, @Value(RUN_ID) long runId) {
		return new IdRangePartitioner(IdRangePartitioner.bounds(
				jdbc.sql("select min(seq), max(seq) from dedup_pair where run_id = :run").param("run", runId)),
				CHUNK_SIZE);
	}

	@Bean
	@StepScope
	ScoreWriter dedupScoreWriter(NamedParameterJdbcTemplate jdbc, JsonMapper json, @Value(RUN_ID) long runId) {
		return new ScoreWriter(jdbc, json, runId);
	}

	/** The pairs cut into ranges, each scored by {@code dedupScoringRange}. */
	@Bean
	Step dedupScoringStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			JdbcPagingItemReader<ContactPair> dedupPairReader, ScoreWriter dedupScoreWriter,
			ItemProcessor<ContactPair, PairScore> dedupPairScorer, IdRangePartitioner dedupPairRanges,
			DedupProperties properties, PartitionedSteps partitionedSteps) {
		Step range = new StepBuilder("dedupScoringRange", jobRepository).<ContactPair, PairScore>chunk(CHUNK_SIZE)
			.transactionManager(transactionManager)
			.observationRegistry(ObservationRegistry.NOOP)
			.reader(dedupPairReader)
			.processor(dedupPairScorer)
			.writer(dedupScoreWriter)
			.build();
		return partitionedSteps.partitioned("dedupScoring", range, dedupPairRanges, properties.partitions(), jobRepository)
			.listener(new StepTimer())
			.listener(DedupSteps.summary(step -> step.getReadCount() + " pairs compared, " + step.getWriteCount()
					+ " scored at least review"))
			.build();
	}

	/** Step-scoped so that each run scores by the rules as they are when it starts. */
	@Bean
	@StepScope
	PairFilter dedupPairScorer(DedupRulesFile rulesFile, JdbcClient jdbc, @Value(RUN_ID) long runId) {
		DedupRules rules = rulesFile.require();
		return new PairFilter(rules, ValueFrequencies.read(jdbc, rules, runId));
	}

	@Bean
	@StepScope
	ClusteringTasklet dedupClusteringTasklet(JdbcClient jdbc, DataSource dataSource, JsonMapper json,
			DedupRulesFile rulesFile, @Value(RUN_ID) long runId, DedupProperties properties) {
		return new ClusteringTasklet(jdbc, dataSource, json, rulesFile.require(), runId, properties.partitions());
	}

	@Bean
	Step dedupClusteringStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			ClusteringTasklet dedupClusteringTasklet) {
		return DedupSteps.timedTaskletStep("dedupClustering", dedupClusteringTasklet, jobRepository,
				transactionManager);
	}

	/** Step-scoped so that each run reads its own plan. */
	@Bean
	@StepScope
	Partitioner dedupMergePlans(JdbcClient jdbc, @Value(RUN_ID) long runId) {
		return new MergePlanPartitioner(jdbc, runId);
	}

	/** Each part of the plan applied by {@code dedupMergePart}, in a transaction of its own. */
	@Bean
	Step dedupMergeStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			MergeExecutor merges, Partitioner dedupMergePlans, DedupProperties properties,
			PartitionedSteps partitionedSteps) {
		Step part = new StepBuilder("dedupMergePart", jobRepository).tasklet((contribution, chunkContext) -> {
			contribution.incrementWriteCount(merges.apply(contribution.getStepExecution().getExecutionContext()
				.getString(MergePlanPartitioner.PLAN)));
			return RepeatStatus.FINISHED;
		}, transactionManager).build();
		return partitionedSteps.partitioned("dedupMerge", part, dedupMergePlans, properties.partitions(), jobRepository)
			.listener(new StepTimer())
			.listener(DedupSteps.summary(step -> step.getWriteCount() + " contacts merged"))
			.build();
	}

	@Bean
	Step dedupCleanupStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			JdbcClient jdbc) {
		return new StepBuilder("dedupCleanup", jobRepository).tasklet((contribution, chunkContext) -> {
			DedupWorkTables.clearRun(jdbc);
			return RepeatStatus.FINISHED;
		}, transactionManager).build();
	}

	@Bean
	Job dedupJob(JobRepository jobRepository, Step dedupFeaturesStep, Step dedupBlockingStep, Step dedupScoringStep,
			Step dedupClusteringStep, Step dedupMergeStep, Step dedupCleanupStep, TableUpkeep upkeep) {
		return new JobBuilder(JOB_NAME, jobRepository).validator(new NoParametersValidator(JOB_NAME))
			.start(dedupFeaturesStep)
			.next(dedupBlockingStep)
			.next(dedupScoringStep)
			.next(dedupClusteringStep)
			.next(dedupMergeStep)
			.next(dedupCleanupStep)
			.next(upkeep.step(jobRepository, "dedupMerge", List.of("contact", "contact_identity", "conversation")))
			.build();
	}
}
