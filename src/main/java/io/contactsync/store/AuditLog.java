package io.contactsync.store;

import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit trail: who did what to which record. Callers put ids, counts and field names in the details,
 * never the personal data itself, so the trail may outlive an erasure.
 */
@Repository
public class AuditLog {

	private static final String INSERT = "insert into audit_event (actor, action, entity_type, entity_id, details)\n";

	private final JdbcClient jdbc;

	private final JsonMapper json;

	public AuditLog(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	public void record(String actor, String action, String entityType, Long entityId, Map<String, ?> details) {
		jdbc.sql(INSERT + "values (:actor, :action, :entityType, :entityId, cast(:details as jsonb))")
			.param("actor", actor)
			.param("action", action)
			.param("entityType", entityType)
			.param("entityId", entityId)
			.param("details", json.writeValueAsString(details))
			.update();
	}

	/**
	 * Audits many records in one set-based statement, for changes too large to audit row by row.
	 * @param events a query whose rows are the events: actor, action, entity_type, entity_id, details (jsonb)
	 * @return how many events were written
	 */
	public int recordAll(String events, Map<String, ?> parameters) {
		return jdbc.sql(INSERT + events).params(parameters).update();
	}

	/**
	 * Makes a change and audits it in one statement, so that the events see exactly the rows it changed.
	 * PostgreSQL allows a data-modifying WITH only at a statement's top level, hence the two parts.
	 * @param change a data-modifying statement with RETURNING, which {@code events} reads as the table
	 * {@code changed}
	 * @param events a query of events as for {@link #recordAll}
	 * @return how many events were written
	 */
	public int recordWith(String change, String events, Map<String, ?> parameters) {
		return jdbc.sql("with changed as (" + change + ")\n" + INSERT + events).params(parameters).update();
	}
}
