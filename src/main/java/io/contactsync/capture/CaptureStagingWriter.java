package io.contactsync.capture;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.Objects;

import javax.sql.DataSource;

import io.contactsync.store.CopyRows;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.datasource.DataSourceUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * Copies a chunk's events into capture_staging, in the chunk's transaction, for the merge step, with their field
 * warnings (capture_warning) and the payloads of array records that were rejected on their own (capture_reject),
 * so that a chunk that rolls back takes them all with it.
 */
class CaptureStagingWriter implements ItemWriter<StagedCapture> {

	private static final String COLUMNS = "capture_staging (run_id, source, line, inbox_id, type, channel, bot, visitor, "
			+ "conversation, at, event_id, sender, kind, text, name, username, email, phone, phone_e164, new_visitor, "
			+ "attributes)";

	private static final String WARNING_COLUMNS = "capture_warning (run_id, source, line, element, inbox_id, field, reason)";

	private static final String REJECT_COLUMNS = "capture_reject (run_id, source, line, element, inbox_id, reason, raw)";

	private final DataSource dataSource;

	private final JsonMapper json;

	private final long runId;

	CaptureStagingWriter(DataSource dataSource, JsonMapper json, long runId) {
		this.dataSource = dataSource;
		this.json = json;
		this.runId = runId;
	}

	@Override
	public void write(Chunk<? extends StagedCapture> chunk) throws Exception {
		CopyRows events = new CopyRows();
		CopyRows warnings = new CopyRows();
		CopyRows rejects = new CopyRows();
		for (StagedCapture capture : chunk) {
			CaptureRecord record = capture.record();
			for (StagedCapture.StagedEvent staged : capture.events()) {
				addEvent(events, record, staged);
			}
			for (FieldWarning warning : capture.warnings()) {
				warnings.add(runId).add(record.source()).add(record.line()).add(element(record, warning.item()))
					.add(record.inboxId()).add(warning.field()).add(warning.reason());
				warnings.endRow();
			}
			for (StagedCapture.ItemReject reject : capture.rejects()) {
				rejects.add(runId).add(record.source()).add(record.line()).add(element(record, reject.item()))
					.add(record.inboxId()).add(reject.reason()).add(reject.raw());
				rejects.endRow();
			}
		}
		Connection connection = DataSourceUtils.getConnection(dataSource);
		try {
			events.copyInto(connection, COLUMNS);
			warnings.copyInto(connection, WARNING_COLUMNS);
			rejects.copyInto(connection, REJECT_COLUMNS);
			claimInboxEntries(connection, chunk);
		}
		finally {
			DataSourceUtils.releaseConnection(connection, dataSource);
		}
	}

	private void addEvent(CopyRows rows, CaptureRecord record, StagedCapture.StagedEvent staged) throws IOException {
		CaptureEvent event = staged.event();
		rows.add(runId).add(record.source()).add(record.line()).add(record.inboxId()).add(event.type().code())
			.add(event.channel()).add(event.bot()).add(event.visitor()).add(event.conversation()).add(event.at())
			.add(event.id()).add(event.sender()).add(event.kind()).add(event.text()).add(event.name())
			.add(event.username()).add(event.email()).add(event.phone()).add(staged.phoneE164())
			.add(event.newVisitor()).add(attributes(event.attributes()));
		rows.endRow();
	}

	private String attributes(Map<String, String> attributes) {
		return attributes.isEmpty() ? null : json.writeValueAsString(attributes);
	}

	/** The element of the file a record was, else the payload's index within the record. */
	private static Integer element(CaptureRecord record, Integer item) {
		return record.element() != null ? record.element() : item;
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
}
