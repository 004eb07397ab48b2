package io.contactsync.dedup;

import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Emptying the dedup job's work tables (features, pairs, scores, value counts and the run's merge
 * plan). Apart from the
 * configuration because which rows may go, and when, follows from how runs resume and from JobRunLock, not
 * from how the steps are wired.
 */
final class DedupWorkTables {

	private DedupWorkTables() {
	}

	/** Before the first step: work of older runs goes, this run's stays for it to resume from. */
	static StepExecutionListener clearingOtherRuns(JdbcClient jdbc) {
		return new StepExecutionListener() {
			@Override
			public void beforeStep(StepExecution stepExecution) {
				clearOtherRuns(jdbc, stepExecution.getJobExecution().getJobInstanceId());
			}
		};
	}

	/** Work older runs left (a run given up on and started afresh): nothing to resume from any more. */
	private static void clearOtherRuns(JdbcClient jdbc, long runId) {
		for (String table : new String[] { "dedup_feature", "dedup_pair", "dedup_score", "dedup_frequency" }) {
			jdbc.sql("delete from " + table + " where run_id <> :run").param("run", runId).update();
		}
		jdbc.sql("delete from merge_plan where plan like 'run:%' and plan not like :parts")
			.param("parts", MergeExecutor.runPlanParts(runId)).update();
	}

	/*
	 * Truncated rather than deleted by run: the features step cleared other runs' rows, and JobRunLock lets one
	 * dedup run at a time, so all that is left is this run's, and truncating a million rows costs nothing.
	 */
	static void clearRun(JdbcClient jdbc) {
		jdbc.sql("truncate dedup_feature, dedup_pair, dedup_score, dedup_frequency").update();
	}
}
