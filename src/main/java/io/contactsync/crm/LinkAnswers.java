package io.contactsync.crm;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import javax.sql.DataSource;

import io.contactsync.store.CopyRows;
import org.springframework.jdbc.datasource.DataSourceUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every answer of a chunk into crm_link in the chunk's transaction, set-based: COPY into a staging table, then one
 * upsert. A success keeps the CRM's id, the match key it was pushed under and the fields it wrote; a failure keeps
 * what the last success left, so the contact goes again next run. A converted lead or a record missing with
 * {@code onMissing: skip} gets a status that the next runs leave alone.
 */
final class LinkAnswers {

	private final DataSource dataSource;

	private final JsonMapper json;

	LinkAnswers(DataSource dataSource, JsonMapper json) {
		this.dataSource = dataSource;
		this.json = json;
	}

	/** One record's answer and the status it leaves the link in. */
	record Answer(PushItem item, PushResult result, String status) {

		boolean synced() {
			return CrmLinkStatus.SYNCED.equals(status);
		}
	}

	void record(List<Answer> answers) throws SQLException, IOException {
		CopyRows rows = new CopyRows();
		for (Answer answer : answers) {
			CrmRecord record = answer.item().record();
			PushResult result = answer.result();
			rows.add(record.contactId()).add(answer.item().mapping().name()).add(result.crmId()).add(record.hash())
				.add(answer.status())
				.add(answer.synced() ? null : result.errorCode() + ": " + result.message())
				.add(answer.synced() ? record.key() : null)
				.add(answer.synced() ? json.writeValueAsString(answer.item().pushed()) : null);
			rows.endRow();
		}
		Connection connection = DataSourceUtils.getConnection(dataSource);
		try (Statement sql = connection.createStatement()) {
			sql.execute("""
					create temp table if not exists crm_link_answer (contact_id bigint, target text, crm_id text,
					    payload_hash text, status text, error text, match_key text, pushed_fields jsonb)
					    on commit delete rows""");
			rows.copyInto(connection,
					"crm_link_answer (contact_id, target, crm_id, payload_hash, status, error, match_key, pushed_fields)");
			sql.executeUpdate("""
					insert into crm_link (contact_id, target, crm_id, payload_hash, pushed_at, status, last_error, attempts,
					                      match_key, pushed_fields)
					select contact_id, target, crm_id, payload_hash, case when status = 'synced' then now() end,
					       status, error, case when status = 'failed' then 1 else 0 end, match_key, pushed_fields
					from crm_link_answer
					on conflict (contact_id, target) do update set
					    crm_id = coalesce(excluded.crm_id, crm_link.crm_id),
					    payload_hash = case when excluded.status in ('synced', 'shared') then excluded.payload_hash
					                        else crm_link.payload_hash end,
					    pushed_at = coalesce(excluded.pushed_at, crm_link.pushed_at),
					    status = excluded.status,
					    last_error = excluded.last_error,
					    attempts = case when excluded.status = 'failed' then crm_link.attempts + 1 else 0 end,
					    match_key = coalesce(excluded.match_key, crm_link.match_key),
					    pushed_fields = coalesce(excluded.pushed_fields, crm_link.pushed_fields)""");
		}
		finally {
			DataSourceUtils.releaseConnection(connection, dataSource);
		}
	}
}
