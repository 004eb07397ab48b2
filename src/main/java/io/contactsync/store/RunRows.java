package io.contactsync.store;

import org.springframework.jdbc.core.simple.JdbcClient;

/** The working rows a job keeps per run (staging tables with a {@code run_id}). */
public final class RunRows {

	private RunRows() {
	}

	/**
	 * Removes one run's rows. A job runs once at a time, so when the table holds no other run's rows (left by an
	 * abandoned run) TRUNCATE does in an instant what DELETE would take seconds for.
	 */
	public static void clear(JdbcClient jdbc, String table, long runId) {
		boolean othersLeft = jdbc.sql("select exists (select 1 from " + table + " where run_id <> :run)")
			.param("run", runId)
			.query(Boolean.class)
			.single();
		jdbc.sql(othersLeft ? "delete from " + table + " where run_id = :run" : "truncate " + table)
			.param("run", runId)
			.update();
	}
}
