package io.contactsync.capture;

import java.nio.file.Path;

import io.contactsync.store.RunRows;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Ends a run: writes its rejected records and field warnings to the report, marks the inbox entries it read as
 * processed (or failed, with the reason), and drops its staging rows. In one transaction, after the
 * merge committed; the report file is written again whole if the step runs again.
 */
class CaptureImportFinish implements Tasklet {

	private final JdbcClient jdbc;

	private final RejectReport reports;

	private final long runId;

	private final Path report;

	CaptureImportFinish(JdbcClient jdbc, RejectReport reports, long runId, Path report) {
		this.jdbc = jdbc;
		this.reports = reports;
		this.runId = runId;
		this.report = report;
	}


	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		RejectReport.Counts counts = reports.write(runId, report);
		// An entry rejected whole failed; one of whose payloads only some were rejected was processed, and says so.
		jdbc.sql("""
				update capture_inbox i set status = case when r.whole then 'failed' else 'processed' end,
				    processed_at = now(), error = r.reason
				from (select inbox_id, bool_or(element is null) as whole,
				             string_agg(coalesce('element ' || element || ': ', '') || reason, '; ' order by element)
				                 as reason
				      from capture_reject where run_id = :run and inbox_id is not null group by inbox_id) r
				where r.inbox_id = i.id""").param("run", runId).update();
		jdbc.sql("""
				update capture_inbox set status = 'processed', processed_at = now()
				where run_id = :run and status = 'pending'""")
			.param("run", runId)
			.update();
		RunRows.clear(jdbc, "capture_staging", runId);
		RunRows.clear(jdbc, "capture_reject", runId);
		RunRows.clear(jdbc, "capture_warning", runId);
		contribution.setExitStatus(ExitStatus.COMPLETED.addExitDescription(counts.describe(report)));
		return RepeatStatus.FINISHED;
	}
}
