package io.contactsync.crm;

import java.util.List;
import java.util.Map;

import io.contactsync.store.AuditLog;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * crm_link's side of merges: the links of merged-away contacts whose record in the target is still theirs, with
 * the survivor's record there, and what a merge in the CRM leaves them. A merged-away link ends {@code merged}
 * (never pushed, and removed only by an erasure, which empties the record from a recycle bin), and the survivor's
 * is pushed again next, so that its record holds what the store merged. Each merge is audited with both CRM ids, no personal data.
 */
@Component
class MergedLinks {

	private final JdbcClient jdbc;

	private final AuditLog audit;

	MergedLinks(JdbcClient jdbc, AuditLog audit) {
		this.jdbc = jdbc;
		this.audit = audit;
	}

	/**
	 * The target's merges still to make in the CRM: a merged-away contact's live record, with its survivor's
	 * ({@code survivorCrmId} null when the survivor has none there). Not while the survivor waits for erasure:
	 * its records and those merged into it go for good anyway.
	 */
	List<CrmMerge> pending(CrmMapping mapping) {
		return jdbc.sql("""
				select m.merged_into, m.id, s.crm_id, l.crm_id
				from crm_link l
				join contact m on m.id = l.contact_id and m.merged_into is not null
				join live_contact v on v.id = m.merged_into and v.erasure_requested_at is null
				left join crm_link s on s.contact_id = m.merged_into and s.target = l.target and s.crm_id is not null
				    and s.status in ('synced', 'failed', 'shared')
				where l.target = :target and l.crm_id is not null and l.status in ('synced', 'failed')
				order by m.id""")
			.param("target", mapping.name())
			.query((rs, row) -> new CrmMerge(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4)))
			.list();
	}

	/** The CRM made one record of the two (or they were one already); its id is {@code crmId}. */
	void merged(CrmMapping mapping, CrmMerge merge, String crmId, String how) {
		jdbc.sql("""
				update crm_link set crm_id = :crmId, payload_hash = null
				where contact_id = :survivor and target = :target""")
			.param("crmId", crmId)
			.param("survivor", merge.survivorId())
			.param("target", mapping.name())
			.update();
		close(mapping, merge, how, !crmId.equals(merge.mergedCrmId()));
	}

	/**
	 * The survivor had no record in the target: it takes over the merged-away contact's, with what was pushed
	 * there, instead of creating a second one.
	 */
	void adopted(CrmMapping mapping, CrmMerge merge) {
		jdbc.sql("""
				insert into crm_link (contact_id, target, crm_id, payload_hash, status, attempts, match_key, pushed_fields)
				select :survivor, target, crm_id, null, 'synced', 0, match_key, pushed_fields
				from crm_link where contact_id = :merged and target = :target
				on conflict (contact_id, target) do update set crm_id = excluded.crm_id, payload_hash = null,
				    status = 'synced', last_error = null, attempts = 0, match_key = excluded.match_key,
				    pushed_fields = excluded.pushed_fields""")
			.param("survivor", merge.survivorId())
			.param("merged", merge.mergedId())
			.param("target", mapping.name())
			.update();
		close(mapping, merge, "adopted", false);
	}

	/**
	 * The survivor's record is gone and records are keyed by the contact's id: its next push creates it again, with
	 * every field (defaults included), as a first push would.
	 */
	void recreate(CrmMapping mapping, CrmMerge merge) {
		jdbc.sql("""
				update crm_link set crm_id = null, payload_hash = null, pushed_fields = null
				where contact_id = :survivor and target = :target""")
			.param("survivor", merge.survivorId())
			.param("target", mapping.name())
			.update();
	}

	/** The CRM refused: the merged-away link is failed with the CRM's words and tried again next run. */
	void failed(CrmMapping mapping, CrmMerge merge, String errorCode, String message) {
		jdbc.sql("""
				update crm_link set status = 'failed', last_error = :error, attempts = attempts + 1
				where contact_id = :merged and target = :target""")
			.param("error", "MERGE_FAILED: " + errorCode + ": " + message)
			.param("merged", merge.mergedId())
			.param("target", mapping.name())
			.update();
	}

	/**
	 * The merged-away link keeps the id of a record of its own that the merge deleted (in a recycle bin now, where
	 * an erasure of the survivor still finds it), none when the record is the survivor's.
	 */
	private void close(CrmMapping mapping, CrmMerge merge, String how, boolean ownRecord) {
		jdbc.sql("""
				update crm_link set status = 'merged', crm_id = case when :own then crm_id end, match_key = null,
				       last_error = null, attempts = 0
				where contact_id = :merged and target = :target""")
			.param("own", ownRecord)
			.param("merged", merge.mergedId())
			.param("target", mapping.name())
			.update();
		audit.record("crm-push", "crm.merged", "contact", merge.survivorId(), Map.of("target", mapping.name(),
				"crm", mapping.target().code(), "object", mapping.object(), "mergedContactId", merge.mergedId(),
				"survivorCrmId", String.valueOf(merge.survivorCrmId()), "mergedCrmId", merge.mergedCrmId(), "how", how));
	}
}
