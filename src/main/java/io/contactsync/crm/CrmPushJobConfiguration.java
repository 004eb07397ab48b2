package io.contactsync.crm;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.contactsync.config.RunParameters;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParametersValidator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * The job {@code crm-push}: contacts in each mapping's scope, mapped and sent in the CRM's batches, only
 * those whose fields changed since the last successful push. Parameters: {@code target} (a mapping's name;
 * all mappings without it) and {@code dryRun=true} (write the requests to a report, send nothing).
 */
@Configuration(proxyBeanMethods = false)
class CrmPushJobConfiguration {

	static final String JOB_NAME = "crm-push";

	/** Contacts per transaction; the writer cuts them into each mapping's batches. */
	private static final int CHUNK_SIZE = 2_000;

	@Bean
	Map<CrmTarget, CrmConnector> crmConnectors(List<CrmConnector> connectors) {
		Map<CrmTarget, CrmConnector> byTarget = new EnumMap<>(CrmTarget.class);
		connectors.forEach(connector -> byTarget.put(connector.target(), connector));
		return byTarget;
	}

	@Bean
	@StepScope
	PushCandidateReader pushCandidateReader(CrmMappings mappings, Map<CrmTarget, CrmConnector> crmConnectors,
			@Value("#{jobParameters['target']}") String target, JdbcClient jdbc, JsonMapper json) {
		return new PushCandidateReader(runMappings(mappings, crmConnectors, target), jdbc, json);
	}

	@Bean
	@StepScope
	PushWriter pushWriter(Map<CrmTarget, CrmConnector> crmConnectors, NamedParameterJdbcTemplate jdbc,
			@Value("${contactsync.crm.concurrency:8}") int concurrency,
			@Value("#{jobParameters['dryRun'] ?: 'false'}") boolean dryRun,
			@Value("#{stepExecution.jobExecution.jobInstanceId}") long runId,
			@Value("${contactsync.reports-directory:data/reports}") Path reports) {
		return new PushWriter(crmConnectors, jdbc, concurrency, dryRun, reports.resolve("crm-push-" + runId + "-dry-run.jsonl"));
	}

	@Bean
	@StepScope
	PushReport pushReport(CrmMappings mappings, Map<CrmTarget, CrmConnector> crmConnectors,
			@Value("#{jobParameters['target']}") String target, JdbcClient jdbc,
			@Value("#{stepExecution.jobExecution.jobInstanceId}") long runId,
			@Value("${contactsync.reports-directory:data/reports}") Path reports) {
		return new PushReport(runMappings(mappings, crmConnectors, target), jdbc, reports.resolve("crm-push-" + runId + "-errors.csv"),
				reports.resolve("crm-push-" + runId + "-dry-run.jsonl"));
	}

	@Bean
	Step pushContactsStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			PushCandidateReader pushCandidateReader, CrmRecordMapper mapper, PushWriter pushWriter,
			PushReport pushReport) {
		return new StepBuilder("pushContacts", jobRepository).<PushCandidate, PushItem>chunk(CHUNK_SIZE)
			.transactionManager(transactionManager)
			.reader(pushCandidateReader)
			.processor(new PushProcessor(mapper))
			.writer(pushWriter)
			.listener(pushReport)
			.build();
	}

	@Bean
	@StepScope
	DeleteRemovedTasklet deleteRemovedTasklet(CrmMappings mappings, Map<CrmTarget, CrmConnector> crmConnectors,
			@Value("#{jobParameters['target']}") String target, JdbcClient jdbc,
			@Value("#{jobParameters['dryRun'] ?: 'false'}") boolean dryRun,
			@Value("#{stepExecution.jobExecution.jobInstanceId}") long runId,
			@Value("${contactsync.reports-directory:data/reports}") Path reports) {
		return new DeleteRemovedTasklet(runMappings(mappings, crmConnectors, target), crmConnectors, jdbc, dryRun,
				reports.resolve("crm-push-" + runId + "-dry-run.jsonl"));
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
	Job crmPushJob(JobRepository jobRepository, Step pushContactsStep, Step deleteRemovedStep,
			CrmMappings mappings) {
		return new JobBuilder(JOB_NAME, jobRepository).validator(validator(mappings))
			.start(pushContactsStep)
			.next(deleteRemovedStep)
			.build();
	}

	private static JobParametersValidator validator(CrmMappings mappings) {
		return parameters -> {
			for (var parameter : parameters) {
				if (!List.of("target", "dryRun").contains(parameter.name())
						&& !RunParameters.isSetByContactSync(parameter.name())) {
					throw new InvalidJobParametersException("crm-push takes target=<mapping> and dryRun=true; '"
							+ parameter.name() + "' is not a parameter of it.");
				}
			}
			String target = parameters.getString("target");
			if (target != null && mappings.byName(target).isEmpty()) {
				throw new InvalidJobParametersException("No mapping '" + target + "'; the mappings are "
						+ String.join(", ", mappings.all().stream().map(CrmMapping::name).toList()) + ".");
			}
			String dryRun = parameters.getString("dryRun");
			if (dryRun != null && !dryRun.equals("true") && !dryRun.equals("false")) {
				throw new InvalidJobParametersException("dryRun must be true or false, not '" + dryRun + "'.");
			}
		};
	}

	/** The run's mappings: the named one, or all of those whose CRM has a connector. */
	private static List<CrmMapping> runMappings(CrmMappings mappings, Map<CrmTarget, CrmConnector> connectors,
			String target) {
		return (target == null ? mappings.all() : List.of(mappings.byName(target).orElseThrow())).stream()
			.filter(mapping -> connectors.containsKey(mapping.target()))
			.toList();
	}
}
