package io.contactsync.retention;

import java.util.List;
import java.util.Map;

import io.contactsync.store.AuditLog;
import io.contactsync.store.PersonalDataEraser;
import io.contactsync.store.PurgedContacts;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Removes a set of contacts and every trace of them, set-based, in the caller's transaction: the contacts and
 * the contacts merged into them, with what every module keeps of them. Each module erases its own tables through
 * its {@link PersonalDataEraser}; this class only lays out the set ({@link PurgedContacts}) and audits the result.
 *
 * <p>Each contact leaves one audit event without personal data: what was removed, and for an erasure who asked
 * and when.
 */
class ContactPurge {

	/** The set and its merged-away contacts, the request the audit names, and the tables erasers count into. */
	private static final List<String> PREPARE = List.of("""
			insert into purge_contact (id, root_id)
			select m.id, m.merged_into from contact m
			where m.merged_into in (select id from purge_contact where root_id = id)
			on conflict (id) do nothing""", """
			analyze purge_contact""", """
			create temp table purge_request on commit drop as
			select c.id as root_id, c.erasure_requested_by, c.erasure_requested_at, c.erasure_due_at
			from contact c join purge_contact p on p.id = c.id and p.root_id = p.id""", """
			create temp table purge_count (root_id bigint not null, item text not null, n bigint not null,
			    removed boolean not null) on commit drop""", """
			insert into purge_count (root_id, item, n, removed)
			select root_id, 'mergedContacts', count(*) - 1, true from purge_contact group by root_id""");

	/** The values that identify the people (ids, emails, phones, names), for the erasers' text searches. */
	private static final String VALUES = """
			create temp table purge_value on commit drop as
			select distinct v from (
			    select i.external_id as v from contact_identity i join purge_contact p on p.id = i.contact_id
			    union all select c.email_normalized from contact c join purge_contact p on p.id = c.id
			    union all select ltrim(c.phone_e164, '+') from contact c join purge_contact p on p.id = c.id
			    union all select c.name from contact c join purge_contact p on p.id = c.id) values
			where length(v) >= 4""";

	/**
	 * One event per selected contact: the request, and the erasers' counts, removed or still to go. The counts are
	 * grouped once and joined: looked up per contact, the unindexed counts were scanned once per contact, and
	 * 3,000 deletions took 16 s.
	 */
	private static final String EVENTS = """
			with counts as (
			    select root_id, jsonb_object_agg(item, n) filter (where removed) as removed,
			           jsonb_object_agg(item, n) filter (where not removed) as pending
			    from purge_count group by root_id)
			select 'retention', :action, 'contact', r.root_id,
			       jsonb_strip_nulls(jsonb_build_object(
			           'requestedBy', r.erasure_requested_by, 'requestedAt', r.erasure_requested_at,
			           'dueAt', r.erasure_due_at, 'reason', nullif(:reason, ''), 'removed', k.removed))
			       || coalesce(k.pending, '{}')
			from purge_request r left join counts k on k.root_id = r.root_id""";

	/** Why contacts are purged: what the audit calls it, and whether to look for their traces by value. */
	enum Purpose {

		ERASURE("contact.erased", true), RETENTION("contact.deleted", false);

		private final String action;

		private final boolean erasure;

		Purpose(String action, boolean erasure) {
			this.action = action;
			this.erasure = erasure;
		}
	}

	private final JdbcClient jdbc;

	private final List<PersonalDataEraser> erasers;

	private final AuditLog audit;

	/** @param erasers every module's, in their order (the store's last) */
	ContactPurge(JdbcClient jdbc, List<PersonalDataEraser> erasers, AuditLog audit) {
		this.jdbc = jdbc;
		this.erasers = List.copyOf(erasers);
		this.audit = audit;
	}

	/**
	 * Purges the contacts {@code roots} selects (a query of contact ids, with its {@code parameters}) and those
	 * merged into them.
	 * @param reason why, for the audit, or null
	 * @return how many of the selected contacts were purged
	 */
	int purge(String roots, Map<String, ?> parameters, Purpose purpose, String reason) {
		jdbc.sql("create temp table purge_contact (id bigint primary key, root_id bigint not null) on commit drop")
			.update();
		int count = jdbc.sql("insert into purge_contact (id, root_id) select id, id from (" + roots + ") roots")
			.params(parameters)
			.update();
		if (count == 0) {
			jdbc.sql("drop table purge_contact").update();
			return 0;
		}
		PREPARE.forEach(sql -> jdbc.sql(sql).update());
		if (purpose.erasure) {
			jdbc.sql(VALUES).update();
		}
		PurgedContacts purged = new PurgedContacts(purpose.erasure);
		erasers.forEach(eraser -> eraser.erase(purged));
		audit.recordAll(EVENTS, Map.of("action", purpose.action, "reason", reason == null ? "" : reason));
		// Dropped now, not at commit, so that another purge in the same transaction can lay out its own set.
		jdbc.sql("drop table purge_contact, purge_request, purge_count" + (purpose.erasure ? ", purge_value" : ""))
			.update();
		return count;
	}
}
