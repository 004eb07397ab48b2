package io.contactsync.support;

import org.springframework.boot.test.context.TestComponent;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Job history and failure injection for job tests. */
@TestComponent
public class JobFixture {

	private final JdbcClient jdbc;

	JobFixture(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Forgets every job run, so that no earlier test's failed run is resumed. */
	public void clearHistory() {
		jdbc.sql("""
				truncate batch_step_execution_context, batch_step_execution, batch_job_execution_context,
				         batch_job_execution_params, batch_job_execution, batch_job_instance""").update();
	}

	/** Makes any write that takes the store past {@code contacts} contacts fail, as a crash mid-run would. */
	public void failWritesBeyond(int contacts) {
		jdbc.sql("""
				create or replace function test_fail_beyond() returns trigger language plpgsql as $$
				begin
				  if (select count(*) from contact) > %d then
				    raise exception 'simulated failure: the store may not grow past %d contacts';
				  end if;
				  return null;
				end $$""".formatted(contacts, contacts)).update();
		jdbc.sql("""
				create trigger test_fail_beyond after insert on contact
				for each statement execute function test_fail_beyond()""").update();
	}

	public void stopFailing() {
		jdbc.sql("drop trigger if exists test_fail_beyond on contact").update();
	}

	/** Leaves an execution as a killed JVM does: STARTED, with no end. */
	public void markAsLeftRunning(long executionId) {
		jdbc.sql("update batch_job_execution set status = 'STARTED', exit_code = 'UNKNOWN', end_time = null "
				+ "where job_execution_id = :id").param("id", executionId).update();
		jdbc.sql("update batch_step_execution set status = 'STARTED', exit_code = 'EXECUTING', end_time = null "
				+ "where job_execution_id = :id").param("id", executionId).update();
	}
}
