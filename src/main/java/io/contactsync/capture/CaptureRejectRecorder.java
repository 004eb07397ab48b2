package io.contactsync.capture;

import io.contactsync.store.StorableText;
import org.springframework.batch.core.listener.SkipListener;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Keeps each rejected record in capture_reject. The step calls it inside the chunk's transaction, so a
 * chunk that rolls back takes its rejects with it and a resumed run reports each record once. The record is kept
 * escaped and capped ({@link RawText}) and the reason cleaned, so that keeping a reject never fails, whatever
 * bytes the record held.
 */
class CaptureRejectRecorder implements SkipListener<CaptureRecord, StagedCapture> {

	private final JdbcClient jdbc;

	private final long runId;

	CaptureRejectRecorder(JdbcClient jdbc, long runId) {
		this.jdbc = jdbc;
		this.runId = runId;
	}

	@Override
	public void onSkipInProcess(CaptureRecord record, Throwable reason) {
		jdbc.sql("""
				insert into capture_reject (run_id, source, line, element, inbox_id, reason, raw)
				values (:runId, :source, :line, :element, :inboxId, :reason, :raw)""")
			.param("runId", runId)
			.param("source", StorableText.clean(record.source()))
			.param("line", record.line())
			.param("element", record.element())
			.param("inboxId", record.inboxId())
			.param("reason", StorableText.clean(String.valueOf(reason.getMessage())))
			.param("raw", record.problem() != null ? record.text() : RawText.escaped(record.text()))
			.update();
	}
}
