package io.contactsync.scoring;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

import javax.sql.DataSource;

import io.contactsync.store.CopyRows;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * The step {@code detectIntents}: reads every visitor message once through a cursor, finds its intents in Java
 * (folding and word boundaries that SQL's regular expressions do not know for every language) and copies the
 * messages that showed any into lead_intent_staging. One transaction: run again, it starts over and ends with
 * the same rows. Bot and agent messages never count: the pricing a bot quotes is not the visitor's interest.
 */
class IntentDetection implements Tasklet {

	private static final String VISITOR_MESSAGES = """
			select cv.contact_id, m.text from message m join conversation cv on cv.id = m.conversation_id
			where m.sender = 'visitor' and m.text is not null and m.text <> ''""";

	private static final int FETCH_SIZE = 10_000;

	private static final int COPY_ROWS = 20_000;

	private final DataSource dataSource;

	private final IntentMatcher matcher;

	private final long runId;

	IntentDetection(DataSource dataSource, IntentMatcher matcher, long runId) {
		this.dataSource = dataSource;
		this.matcher = matcher;
		this.runId = runId;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
		Connection connection = DataSourceUtils.getConnection(dataSource);
		try {
			try (PreparedStatement clear = connection.prepareStatement("delete from lead_intent_staging where run_id = ?")) {
				clear.setLong(1, runId);
				clear.executeUpdate();
			}
			contribution.incrementWriteCount(copyHits(connection, contribution));
		}
		finally {
			DataSourceUtils.releaseConnection(connection, dataSource);
		}
		return RepeatStatus.FINISHED;
	}

	private long copyHits(Connection connection, StepContribution contribution) throws Exception {
		long copied = 0;
		int pending = 0;
		CopyRows rows = new CopyRows();
		try (PreparedStatement messages = connection.prepareStatement(VISITOR_MESSAGES)) {
			messages.setFetchSize(FETCH_SIZE);
			try (ResultSet rs = messages.executeQuery()) {
				while (rs.next()) {
					contribution.incrementReadCount();
					int intents = matcher.intents(rs.getString(2));
					if (intents != 0) {
						rows.add(runId).add(rs.getLong(1)).add(intents).endRow();
						if (++pending == COPY_ROWS) {
							copied += rows.copyInto(connection, "lead_intent_staging (run_id, contact_id, intents)");
							rows = new CopyRows();
							pending = 0;
						}
					}
				}
			}
		}
		return copied + rows.copyInto(connection, "lead_intent_staging (run_id, contact_id, intents)");
	}
}
