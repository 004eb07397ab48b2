package io.contactsync.alerts;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Past runs written straight into the job repository, for the rules that judge a run against history: a run of
 * two days ago, ten runs of ten minutes. Real runs would take as long as they are meant to have taken.
 */
final class RunHistory {

	private final JdbcClient jdbc;

	RunHistory(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A run of the job that started at {@code start}, took {@code took} and ended with {@code status}. */
	long run(String job, Instant start, Duration took, String status) {
		long instance = jdbc.sql("select nextval('batch_job_instance_seq')").query(Long.class).single();
		jdbc.sql("insert into batch_job_instance (job_instance_id, version, job_name, job_key) "
				+ "values (:id, 0, :job, :key)")
			.param("id", instance).param("job", job).param("key", "test-history-" + instance).update();
		long execution = jdbc.sql("select nextval('batch_job_execution_seq')").query(Long.class).single();
		jdbc.sql("""
				insert into batch_job_execution (job_execution_id, version, job_instance_id, create_time, start_time,
				  end_time, status, exit_code, exit_message, last_updated)
				values (:id, 1, :instance, :start, :start, :end, :status, :status, '', :end)""")
			.param("id", execution).param("instance", instance).param("start", local(start))
			.param("end", local(start.plus(took))).param("status", status).update();
		return execution;
	}

	/** Spring Batch keeps the JVM's local time. */
	private static LocalDateTime local(Instant instant) {
		return LocalDateTime.ofInstant(instant, ZoneId.systemDefault());
	}
}
