package io.contactsync.capture;

import org.springframework.batch.core.listener.SkipListener;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Keeps each rejected record in capture_reject. The step calls it inside the chunk's transaction, so a
 * chunk that rolls back takes its rejects with it and a resumed run reports each record once.
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
				insert into capture_reject (run_id, source, line, inbox_id, reason, raw)
				values (:runId, :source, :line, :inboxId, :reason, :raw)""")
			.param("runId", runId)
			.param("source", record.source())
			.param("line", record.line())
			.param("inboxId", record.inboxId())
			.param("reason", reason.getMessage())
			.param("raw", record.text())
			.update();
	}
}
