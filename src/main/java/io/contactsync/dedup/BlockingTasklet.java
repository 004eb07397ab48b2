package io.contactsync.dedup;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Proposes the pairs to compare, set-based: contacts that share a blocking key, each pair once, leaving out
 * pairs a person already decided or that wait for one (any duplicate_candidate row). Blocks larger than
 * maxBlockSize are too common a value to say anything and are skipped; their contacts still meet through
 * their other keys. It also counts how common each value of a frequency-weighted field is
 * ({@link ValueFrequencies}). One transaction: a run killed here proposes again from scratch.
 */
class BlockingTasklet implements Tasklet {

	private final JdbcClient jdbc;

	private final long runId;

	private final DedupRules rules;

	private final int maxBlockSize;

	BlockingTasklet(JdbcClient jdbc, long runId, DedupRules rules) {
		this.jdbc = jdbc;
		this.runId = runId;
		this.rules = rules;
		this.maxBlockSize = rules.maxBlockSize();
	}

	/**
	 * The most contacts a block of each key may hold, as SQL on the key text {@code k}: a key starts with its
	 * rule's number and a colon, and few rules have a limit of their own.
	 */
	private String limit() {
		StringBuilder sql = new StringBuilder("case");
		for (int rule = 0; rule < rules.blocking().size(); rule++) {
			int own = rules.blocking().get(rule).maxBlockSize();
			if (own > 0 && own < maxBlockSize) {
				sql.append(" when k like '").append(rule).append(":%' then ").append(own);
			}
		}
		if (sql.length() == "case".length()) {
			return String.valueOf(maxBlockSize);
		}
		return sql.append(" else ").append(maxBlockSize).append(" end").toString();
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		jdbc.sql("delete from dedup_pair where run_id = :run").param("run", runId).update();
		jdbc.sql("analyze dedup_feature").update();
		jdbc.sql("create temp table run_block (key bigint, ids bigint[], size integer, max integer) on commit drop")
			.update();
		// Keys grouped by a 64-bit hash sort faster than as text. Two of a million contacts' four million keys
		// share a hash about once in a million runs, and then only propose a few pairs that scoring refuses.
		// A key starts with its rule's number, which says how large its blocks may be.
		jdbc.sql("""
				insert into run_block
				select key, array_agg(contact_id order by contact_id), count(*), min(max)
				from (select hashtextextended(k, 0) as key, contact_id, %s as max
				      from dedup_feature, unnest(keys) k where run_id = :run) k
				group by key having count(*) > 1""".formatted(limit())).param("run", runId).update();
		int skipped = jdbc.sql("select count(*) from run_block where size > max").query(Integer.class).single();
		int pairs = jdbc.sql("""
				insert into dedup_pair (run_id, contact_a, contact_b)
				select :run, p.a, p.b
				from (select distinct a.id as a, b.id as b
				      from run_block k, unnest(k.ids) a(id), unnest(k.ids) b(id)
				      where k.size <= k.max and a.id < b.id) p
				where not exists (select 1 from duplicate_candidate d where d.contact_a = p.a and d.contact_b = p.b)
				order by p.a, p.b""").param("run", runId).update();
		jdbc.sql("analyze dedup_pair").update();
		ValueFrequencies.count(jdbc, rules, runId);
		contribution.incrementWriteCount(pairs);
		contribution.getStepExecution().getExecutionContext().putString(StepTimer.SUMMARY, (pairs + " pairs to compare from shared keys; "
				+ skipped + " keys shared by more contacts than their limit (maxBlockSize) skipped"));
		return RepeatStatus.FINISHED;
	}
}
