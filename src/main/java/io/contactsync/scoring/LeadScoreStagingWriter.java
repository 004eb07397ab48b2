package io.contactsync.scoring;

import java.sql.Connection;

import javax.sql.DataSource;

import io.contactsync.store.CopyRows;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.datasource.DataSourceUtils;
import tools.jackson.databind.json.JsonMapper;

/** Copies a chunk's results into lead_score_staging, in the chunk's transaction, for {@link ScoreApplication}. */
class LeadScoreStagingWriter implements ItemWriter<LeadScore> {

	private static final String COLUMNS = "lead_score_staging (run_id, contact_id, score, temperature, status,"
			+ " status_reason, rules, intents, conversations)";

	private final DataSource dataSource;

	private final JsonMapper json;

	private final long runId;

	LeadScoreStagingWriter(DataSource dataSource, JsonMapper json, long runId) {
		this.dataSource = dataSource;
		this.json = json;
		this.runId = runId;
	}

	@Override
	public void write(Chunk<? extends LeadScore> chunk) throws Exception {
		CopyRows rows = new CopyRows();
		for (LeadScore score : chunk) {
			rows.add(runId).add(score.contactId()).add(score.score()).add(score.temperature()).add(score.status())
				.add(score.statusReason()).add(json.writeValueAsString(score.rules()))
				.add("{" + String.join(",", score.intents()) + "}").add(score.conversations());
			rows.endRow();
		}
		Connection connection = DataSourceUtils.getConnection(dataSource);
		try {
			rows.copyInto(connection, COLUMNS);
		}
		finally {
			DataSourceUtils.releaseConnection(connection, dataSource);
		}
	}
}
