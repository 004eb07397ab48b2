package io.contactsync.capture;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Objects;

import javax.sql.DataSource;

import io.contactsync.store.CopyRows;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.datasource.DataSourceUtils;

/** Copies a chunk's events into capture_staging, in the chunk's transaction, for the merge step. */
class CaptureStagingWriter implements ItemWriter<StagedCapture> {

	private static final String COLUMNS = "capture_staging (run_id, source, line, inbox_id, type, channel, bot, visitor, "
			+ "conversation, at, event_id, sender, kind, text, name, username, email, phone, phone_e164, new_visitor)";

	private final DataSource dataSource;

	private final long runId;

	CaptureStagingWriter(DataSource dataSource, long runId) {
		this.dataSource = dataSource;
		this.runId = runId;
	}

	/** Marks the inbox entries of the chunk as read by this run, those with nothing to import too. */
	private void claimInboxEntries(Connection connection, Chunk<? extends StagedCapture> chunk) throws SQLException {
		Long[] ids = chunk.getItems().stream().map(capture -> capture.record().inboxId()).filter(Objects::nonNull)
			.toArray(Long[]::new);
		if (ids.length == 0) {
			return;
		}
		try (PreparedStatement claim = connection.prepareStatement(
				"update capture_inbox set run_id = ? where id = any (?)")) {
			claim.setLong(1, runId);
			claim.setArray(2, connection.createArrayOf("bigint", ids));
			claim.executeUpdate();
		}
	}

	@Override
	public void write(Chunk<? extends StagedCapture> chunk) throws Exception {
		CopyRows rows = new CopyRows();
		for (StagedCapture capture : chunk) {
			CaptureRecord record = capture.record();
			for (StagedCapture.StagedEvent staged : capture.events()) {
				CaptureEvent event = staged.event();
				rows.add(runId).add(record.source()).add(record.line()).add(record.inboxId()).add(event.type().code())
					.add(event.channel()).add(event.bot()).add(event.visitor()).add(event.conversation()).add(event.at())
					.add(event.id()).add(event.sender()).add(event.kind()).add(event.text()).add(event.name())
					.add(event.username()).add(event.email()).add(event.phone()).add(staged.phoneE164())
					.add(event.newVisitor());
				rows.endRow();
			}
		}
		Connection connection = DataSourceUtils.getConnection(dataSource);
		try {
			rows.copyInto(connection, COLUMNS);
			claimInboxEntries(connection, chunk);
		}
		finally {
			DataSourceUtils.releaseConnection(connection, dataSource);
		}
	}
}
