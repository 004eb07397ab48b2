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

	private final JdbcClient jdbc;

	private final JsonMapper json;

	public AuditLog(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	public void record(String actor, String action, String entityType, Long entityId, Map<String, ?> details) {
		jdbc.sql("""
				insert into audit_event (actor, action, entity_type, entity_id, details)
				values (:actor, :action, :entityType, :entityId, cast(:details as jsonb))""")
			.param("actor", actor)
			.param("action", action)
			.param("entityType", entityType)
			.param("entityId", entityId)
			.param("details", json.writeValueAsString(details))
			.update();
	}
}
