package io.contactsync.scoring;

import java.time.Instant;
import java.time.ZoneOffset;

import io.contactsync.store.RunRows;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The step {@code applyScores}: the run's results into contact and lead_score, set-based, in one transaction,
 * touching only the rows whose values change, then drops the run's working rows. The contact update writes no
 * index entries: score, temperature and status are in no index and each page keeps room for a new version of
 * its rows (V21), so every update is HOT. Run again after a failure, it applies the same rows once more to the
 * same end.
 */
class ScoreApplication implements Tasklet {

	private static final String WORK_MEMORY = "128MB";

	private final JdbcClient jdbc;

	private final long runId;

	private final Instant asOf;

	ScoreApplication(JdbcClient jdbc, long runId, Instant asOf) {
		this.jdbc = jdbc;
		this.runId = runId;
		this.asOf = asOf;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		// The rows were just staged and autovacuum has not counted them yet: without statistics the planner
		// takes a million staged rows for a few thousand and joins them one index lookup at a time.
		jdbc.sql("analyze lead_score_staging").update();
		// Room to hash the contacts in one batch: the staged rows then meet them in the order they were
		// staged, which is contact id order and so page order, and each page is read and written once. In
		// batches the update sweeps the whole table once per batch (16 times for a million contacts,
		// through shared buffers far smaller than the table).
		jdbc.sql("select set_config('work_mem', :memory, true)").param("memory", WORK_MEMORY).query().singleValue();
		int changed = jdbc.sql("""
				update contact c set lead_score = s.score, lead_temperature = s.temperature, lead_status = s.status
				from lead_score_staging s
				where s.run_id = :run and c.id = s.contact_id
				  and (c.lead_score, c.lead_temperature, c.lead_status) is distinct from (s.score, s.temperature, s.status)""")
			.param("run", runId)
			.update();
		int explained = jdbc.sql("""
				update lead_score l set score = s.score, temperature = s.temperature, status = s.status,
				       status_reason = s.status_reason, rules = s.rules, intents = s.intents,
				       conversations = s.conversations, since = :asOf
				from lead_score_staging s
				where s.run_id = :run and l.contact_id = s.contact_id
				  and (l.score, l.temperature, l.status, l.status_reason, l.rules, l.intents, l.conversations)
				      is distinct from (s.score, s.temperature, s.status, s.status_reason, s.rules, s.intents,
				                        s.conversations)""")
			.param("run", runId)
			.param("asOf", asOf.atOffset(ZoneOffset.UTC))
			.update();
		// Only this job writes lead_score and one run at a time: the rows not there yet are plain inserts,
		// without ON CONFLICT's speculative insertion for each (a first run has a million). Only for
		// contacts still there: lead_score has no foreign key (V21), the join takes its place.
		explained += jdbc.sql("""
				insert into lead_score (contact_id, score, temperature, status, status_reason, rules, intents,
				                        conversations, since)
				select s.contact_id, s.score, s.temperature, s.status, s.status_reason, s.rules, s.intents,
				       s.conversations, :asOf
				from lead_score_staging s
				where s.run_id = :run
				  and exists (select 1 from contact c where c.id = s.contact_id)
				  and not exists (select 1 from lead_score l where l.contact_id = s.contact_id)""")
			.param("run", runId)
			.param("asOf", asOf.atOffset(ZoneOffset.UTC))
			.update();
		// A contact merged away since its last scoring has no score of its own any more.
		jdbc.sql("delete from lead_score l using contact c where c.id = l.contact_id and c.merged_into is not null")
			.update();
		RunRows.clear(jdbc, "lead_intent_staging", runId);
		RunRows.clear(jdbc, "lead_score_staging", runId);
		contribution.incrementWriteCount(changed);
		contribution.setExitStatus(new ExitStatus("COMPLETED", changed + " contacts changed score, temperature or status; "
				+ explained + " explanations changed"));
		return RepeatStatus.FINISHED;
	}
}
