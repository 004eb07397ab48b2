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
 * touching only the rows whose values change (a contact row rewritten costs every one of its indexes), then
 * drops the run's working rows. Run again after a failure, it applies the same rows once more to the same end.
 */
class ScoreApplication implements Tasklet {

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
		int changed = jdbc.sql("""
				update contact c set lead_score = s.score, lead_temperature = s.temperature, lead_status = s.status
				from lead_score_staging s
				where s.run_id = :run and c.id = s.contact_id
				  and (c.lead_score, c.lead_temperature, c.lead_status) is distinct from (s.score, s.temperature, s.status)""")
			.param("run", runId)
			.update();
		int explained = jdbc.sql("""
				insert into lead_score as l (contact_id, score, temperature, status, status_reason, rules, intents,
				                             conversations, since)
				select s.contact_id, s.score, s.temperature, s.status, s.status_reason, s.rules, s.intents,
				       s.conversations, :asOf
				from lead_score_staging s join contact c on c.id = s.contact_id
				where s.run_id = :run
				on conflict (contact_id) do update set score = excluded.score, temperature = excluded.temperature,
				    status = excluded.status, status_reason = excluded.status_reason, rules = excluded.rules,
				    intents = excluded.intents, conversations = excluded.conversations, since = excluded.since
				where (l.score, l.temperature, l.status, l.status_reason, l.rules, l.intents, l.conversations)
				      is distinct from (excluded.score, excluded.temperature, excluded.status, excluded.status_reason,
				                        excluded.rules, excluded.intents, excluded.conversations)""")
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
