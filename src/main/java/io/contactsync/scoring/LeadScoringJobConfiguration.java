package io.contactsync.scoring;

import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import javax.sql.DataSource;

import io.contactsync.jobs.AsOfFirstStart;
import io.contactsync.jobs.RunParameters;
import io.contactsync.jobs.StepProgress;
import io.contactsync.jobs.TableUpkeep;
import io.contactsync.policy.PolicyFiles;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParametersValidator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.database.JdbcCursorItemReader;
import org.springframework.batch.infrastructure.item.database.builder.JdbcCursorItemReaderBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * The job {@code lead-scoring}: every contact's score, temperature and lead status by the rules of
 * {@code jobs/lead-scoring.yml}, with the rules that fired. Three steps, each restartable:
 * <ol>
 * <li>{@code detectIntents} finds what each visitor asked about in their messages;</li>
 * <li>{@code scoreContacts} reads each contact's facts (counts and dates gathered set-based) through a cursor,
 * scores them and stages the results in chunks;</li>
 * <li>{@code applyScores} writes the results that change into the store in one transaction.</li>
 * </ol>
 * The run scores as of the instant it first started, kept in its execution context, so a resumed run gives what
 * the uninterrupted one would have. One optional parameter, {@code asOf} (a date or instant, not in the future):
 * score as of then instead, e.g. data captured on an earlier day, as if the run had happened that night.
 */
@Configuration(proxyBeanMethods = false)
class LeadScoringJobConfiguration {

	static final String JOB_NAME = "lead-scoring";

	static final String AS_OF = "lead-scoring.asOf";

	private static final String FILE = "lead-scoring.yml";

	private static final int CHUNK_SIZE = 5_000;

	private static final String CONTACT_FACTS = """
			select c.id, c.created_at, coalesce(c.last_activity_at, cv.last_at) as last_activity_at,
			       coalesce(cv.conversations, 0) as conversations, coalesce(i.intents, 0) as intents,
			       coalesce(btrim(c.email), '') <> '' as has_email, coalesce(btrim(c.phone), '') <> '' as has_phone,
			       c.opted_out_at is not null as opted_out, c.archived_at is not null as archived,
			       crm.contact_id is not null as in_crm, c.lead_score, c.lead_temperature, c.lead_status,
			       ls.contact_id is not null as scored, ls.status_reason, ls.rules,
			       array_to_string(ls.intents, ',') as scored_intents,
			       ls.conversations as scored_conversations
			from live_contact c
			left join lead_score ls on ls.contact_id = c.id
			left join (select contact_id, count(*) as conversations,
			                  max(coalesce(last_message_at, started_at)) as last_at
			           from conversation group by contact_id) cv on cv.contact_id = c.id
			left join (select contact_id, bit_or(intents) as intents from lead_intent_staging
			           where run_id = ? group by contact_id) i on i.contact_id = c.id
			left join (select distinct contact_id from crm_link where status = 'synced') crm on crm.contact_id = c.id
			order by c.id""";

	/**
	 * The rules: {@code jobs/lead-scoring.yml}, or the copy of the shipped one inside the jar when the jobs
	 * directory has none (a container image without jobs/). A mistake stops the start with file, line and fix.
	 */
	@Bean
	LeadScoringRules leadScoringRules(PolicyFiles policyFiles) throws IOException {
		return policyFiles.read(FILE, LeadScoringJobConfiguration.class,
				(file, yaml) -> new LeadScoringFileReader(file).read(yaml), LeadScoringRules::summary);
	}

	@Bean
	@StepScope
	IntentDetection intentDetection(DataSource dataSource, LeadScoringRules rules,
			@Value("#{stepExecution.jobExecution.jobInstanceId}") long runId) {
		return new IntentDetection(dataSource, new IntentMatcher(rules.intents()), runId);
	}

	@Bean
	Step detectIntentsStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			IntentDetection intentDetection) {
		return new StepBuilder("detectIntents", jobRepository).tasklet(intentDetection, transactionManager).build();
	}

	@Bean
	@StepScope
	JdbcCursorItemReader<ContactFacts> contactFactsReader(DataSource dataSource,
			@Value("#{stepExecution.jobExecution.jobInstanceId}") long runId) {
		return new JdbcCursorItemReaderBuilder<ContactFacts>().name("contactFactsReader")
			.dataSource(dataSource)
			.sql(CONTACT_FACTS)
			.preparedStatementSetter(statement -> statement.setLong(1, runId))
			.fetchSize(CHUNK_SIZE)
			// pgjdbc streams a cursor only outside auto-commit; otherwise it would hold every row in memory.
			.connectionAutoCommit(false)
			.rowMapper((rs, row) -> new ContactFacts(rs.getLong("id"), rs.getTimestamp("created_at").toInstant(),
					rs.getTimestamp("last_activity_at") == null ? null : rs.getTimestamp("last_activity_at").toInstant(),
					rs.getInt("conversations"), rs.getInt("intents"), rs.getBoolean("has_email"),
					rs.getBoolean("has_phone"), rs.getBoolean("opted_out"), rs.getBoolean("archived"),
					rs.getBoolean("in_crm"), stored(rs)))
			.build();
	}

	@Bean
	@StepScope
	ChangedScores changedScores(LeadScoringRules rules, JsonMapper json,
			@Value("#{jobExecutionContext['" + AS_OF + "']}") String asOf,
			ZoneId zone) {
		return new ChangedScores(new LeadScorer(rules, Instant.parse(asOf), zone), json);
	}

	@Bean
	@StepScope
	LeadScoreStagingWriter leadScoreStagingWriter(DataSource dataSource,
			@Value("#{stepExecution.jobExecution.jobInstanceId}") long runId) {
		return new LeadScoreStagingWriter(dataSource, runId);
	}

	/**
	 * Unchanged contacts are filtered: the step's "written" is how many changed. It reads every live contact, so it
	 * expects as many as a count of them says when it starts.
	 */
	@Bean
	Step scoreContactsStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			JdbcCursorItemReader<ContactFacts> contactFactsReader, ChangedScores changedScores,
			LeadScoreStagingWriter leadScoreStagingWriter, JdbcClient jdbc) {
		return new StepBuilder("scoreContacts", jobRepository).<ContactFacts, StagedScore>chunk(CHUNK_SIZE)
			.transactionManager(transactionManager)
			.reader(contactFactsReader)
			.processor(changedScores)
			.writer(leadScoreStagingWriter)
			.listener(StepProgress.expecting(
					() -> jdbc.sql("select count(*) from live_contact").query(Long.class).single(), false))
			.build();
	}

	private static ContactFacts.Stored stored(ResultSet rs) throws SQLException {
		if (!rs.getBoolean("scored")) {
			return null;
		}
		// Intent names hold no comma (the file's reader sees to that); a joined string also spares decoding arrays.
		String intents = rs.getString("scored_intents");
		return new ContactFacts.Stored((Integer) rs.getObject("lead_score"), rs.getString("lead_temperature"),
				rs.getString("lead_status"), rs.getString("status_reason"), rs.getString("rules"),
				intents.isEmpty() ? List.of() : List.of(intents.split(",")), rs.getInt("scored_conversations"));
	}

	@Bean
	@StepScope
	ScoreApplication scoreApplication(JdbcClient jdbc, @Value("#{stepExecution.jobExecution.jobInstanceId}") long runId,
			@Value("#{jobExecutionContext['" + AS_OF + "']}") String asOf) {
		return new ScoreApplication(jdbc, runId, Instant.parse(asOf));
	}

	@Bean
	Step applyScoresStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			ScoreApplication scoreApplication) {
		return new StepBuilder("applyScores", jobRepository).tasklet(scoreApplication, transactionManager).build();
	}

	@Bean
	Job leadScoringJob(JobRepository jobRepository, Step detectIntentsStep, Step scoreContactsStep,
			Step applyScoresStep, TableUpkeep upkeep, Clock clock, ZoneId zone) {
		return new JobBuilder(JOB_NAME, jobRepository).validator(validator(clock, zone))
			.listener(AsOfFirstStart.fromParameter(AS_OF, clock, zone))
			.start(detectIntentsStep)
			.next(scoreContactsStep)
			.next(applyScoresStep)
			.next(upkeep.step(jobRepository, "applyScores", List.of("contact", "lead_score")))
			.build();
	}

	private static JobParametersValidator validator(Clock clock, ZoneId zone) {
		return parameters -> {
			for (var parameter : parameters) {
				if (parameter.name().equals(AsOfFirstStart.PARAMETER)) {
					AsOfFirstStart.check(parameter.value(), clock, zone);
				}
				else if (!RunParameters.isSetByContactSync(parameter.name())) {
					throw new InvalidJobParametersException("lead-scoring takes only asOf=<date or instant> (its rules"
							+ " are in jobs/" + FILE + "); '" + parameter.name() + "' is not a parameter.");
				}
			}
		};
	}
}
