package io.contactsync.dedup;

import io.contactsync.dedup.PairScorer.PairScore;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

/** Keeps the pairs that reached the review threshold, with their evidence, for the clustering step. */
class ScoreWriter implements ItemWriter<PairScore> {

	private final NamedParameterJdbcTemplate jdbc;

	private final JsonMapper json;

	private final long runId;

	ScoreWriter(NamedParameterJdbcTemplate jdbc, JsonMapper json, long runId) {
		this.jdbc = jdbc;
		this.json = json;
		this.runId = runId;
	}

	@Override
	public void write(Chunk<? extends PairScore> chunk) {
		MapSqlParameterSource[] rows = chunk.getItems().stream()
			.map(pair -> new MapSqlParameterSource().addValue("run", runId)
				.addValue("a", pair.a())
				.addValue("b", pair.b())
				.addValue("score", pair.score())
				.addValue("evidence", json.writeValueAsString(pair.evidence())))
			.toArray(MapSqlParameterSource[]::new);
		jdbc.batchUpdate("""
				insert into dedup_score (run_id, contact_a, contact_b, score, evidence)
				values (:run, :a, :b, round(cast(:score as numeric), 4), cast(:evidence as jsonb))
				on conflict do nothing""", rows);
	}
}
