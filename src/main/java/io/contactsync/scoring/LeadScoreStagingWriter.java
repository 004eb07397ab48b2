package io.contactsync.scoring;

import javax.sql.DataSource;

import io.contactsync.store.CopyRows;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/** Copies a chunk's results into lead_score_staging, in the chunk's transaction, for {@link ScoreApplication}. */
class LeadScoreStagingWriter implements ItemWriter<StagedScore> {

	private static final String COLUMNS = "lead_score_staging (run_id, contact_id, score, temperature, status,"
			+ " status_reason, rules, intents, conversations)";

	private final DataSource dataSource;

	private final long runId;

	LeadScoreStagingWriter(DataSource dataSource, long runId) {
		this.dataSource = dataSource;
		this.runId = runId;
	}

	@Override
	public void write(Chunk<? extends StagedScore> chunk) throws Exception {
		CopyRows rows = new CopyRows();
		for (StagedScore staged : chunk) {
			LeadScore score = staged.score();
			rows.add(runId).add(score.contactId()).add(score.score()).add(score.temperature()).add(score.status())
				.add(score.statusReason()).add(staged.rules())
				.add("{" + String.join(",", score.intents()) + "}").add(score.conversations());
			rows.endRow();
		}
		rows.copyInto(dataSource, COLUMNS);
	}
}
