package io.contactsync.retention;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.contactsync.capture.CaptureInbox;
import io.contactsync.capture.PersonTraces;
import io.contactsync.store.Jdbc;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Removes a set of contacts and every trace of them, set-based, in the caller's transaction: the contacts and
 * the contacts merged into them, their identities, conversations and messages, duplicate candidates and merge
 * snapshots (foreign keys cascade), the capture payloads and working rows of the jobs that carry them, the last
 * CRM error (a vendor may quote the email in it) and job parameters that name them (an export's search). Their
 * {@code crm_link} rows stay, so that crm-push deletes them from the CRMs.
 *
 * <p>Open conversations are closed first, as the seed asks of every deletion, and counted. Each contact leaves
 * one audit event without personal data: what was removed, and for an erasure who asked and when.
 */
class ContactPurge {

	/** The statements before the inbox is searched: the set, its merged-away contacts and what each holds. */
	private static final List<String> PREPARE = List.of("""
			insert into purge_contact (id, root_id)
			select m.id, m.merged_into from contact m
			where m.merged_into in (select id from purge_contact where root_id = id)
			on conflict (id) do nothing""", """
			analyze purge_contact""", """
			create temp table purge_removed on commit drop as
			select p.root_id, count(*) - 1 as merged_contacts, coalesce(sum(i.n), 0) as identities,
			       coalesce(sum(v.n), 0) as conversations, coalesce(sum(v.open), 0) as open_conversations,
			       coalesce(sum(m.n), 0) as messages, coalesce(sum(l.n), 0) as crm_records
			from purge_contact p
			left join (select contact_id, count(*) as n from contact_identity
			           where contact_id in (select id from purge_contact) group by contact_id) i on i.contact_id = p.id
			left join (select contact_id, count(*) as n, count(*) filter (where status = 'open') as open
			           from conversation where contact_id in (select id from purge_contact)
			           group by contact_id) v on v.contact_id = p.id
			left join (select v.contact_id, count(*) as n from message m join conversation v on v.id = m.conversation_id
			           where v.contact_id in (select id from purge_contact) group by v.contact_id) m on m.contact_id = p.id
			left join (select contact_id, count(*) as n from crm_link
			           where status <> 'deleted' and contact_id in (select id from purge_contact)
			           group by contact_id) l on l.contact_id = p.id
			group by p.root_id""");

	/**
	 * For an erasure only, where the set is a few people: the rows outside the store that may quote them. A
	 * contact deleted for being quiet for years has none of these left (payloads and working rows are short-lived).
	 */
	private static final List<String> TRACES = List.of("""
			delete from capture_staging s using contact_identity i, purge_contact p
			where p.id = i.contact_id and s.channel = i.channel and s.visitor = i.external_id""", """
			delete from capture_reject r
			where r.raw ilike any (select '%' || v || '%' from purge_value)""", """
			update batch_job_execution_params set parameter_value = '(erased)'
			where parameter_value ilike any (select '%' || v || '%' from purge_value)""");

	/**
	 * The statements after: scrub the working rows, audit, delete. Messages, conversations and identities
	 * go first, set-based: left to the foreign keys' cascades they would go one parent row at a time.
	 */
	private static final List<String> REMOVE = List.of("""
			delete from dedup_feature where contact_id in (select id from purge_contact)""", """
			delete from dedup_pair where contact_a in (select id from purge_contact)
			   or contact_b in (select id from purge_contact)""", """
			delete from dedup_score where contact_a in (select id from purge_contact)
			   or contact_b in (select id from purge_contact)""", """
			delete from merge_plan where survivor_id in (select id from purge_contact)
			   or merged_id in (select id from purge_contact)""", """
			delete from lead_intent_staging where contact_id in (select id from purge_contact)""", """
			delete from lead_score_staging where contact_id in (select id from purge_contact)""", """
			update crm_link set last_error = null where contact_id in (select id from purge_contact)""", """
			insert into audit_event (actor, action, entity_type, entity_id, details)
			select 'retention', :action, 'contact', r.root_id,
			       jsonb_strip_nulls(jsonb_build_object(
			           'requestedBy', c.erasure_requested_by, 'requestedAt', c.erasure_requested_at,
			           'dueAt', c.erasure_due_at, 'reason', nullif(:reason, ''),
			           'removed', jsonb_build_object('mergedContacts', r.merged_contacts, 'identities', r.identities,
			               'conversations', r.conversations, 'closedConversations', r.open_conversations,
			               'messages', r.messages, 'capturePayloads', coalesce(x.payloads, 0)),
			           'crmRecordsToDelete', r.crm_records))
			from purge_removed r join contact c on c.id = r.root_id
			left join (select root_id, count(*) as payloads from purge_payload group by root_id) x
			       on x.root_id = r.root_id""", """
			delete from message m using conversation v
			where v.id = m.conversation_id and v.contact_id in (select id from purge_contact)""", """
			delete from conversation where contact_id in (select id from purge_contact)""", """
			delete from contact_identity where contact_id in (select id from purge_contact)""", """
			delete from contact where id in (select id from purge_contact)""", """
			drop table purge_contact, purge_removed, purge_payload""");

	/** Why contacts are purged: what the audit calls it, and whether to look for their traces outside the store. */
	enum Purpose {

		ERASURE("contact.erased", true), RETENTION("contact.deleted", false);

		private final String action;

		private final boolean traces;

		Purpose(String action, boolean traces) {
			this.action = action;
			this.traces = traces;
		}
	}

	private final JdbcClient jdbc;

	private final CaptureInbox inbox;

	ContactPurge(JdbcClient jdbc, CaptureInbox inbox) {
		this.jdbc = jdbc;
		this.inbox = inbox;
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
		jdbc.sql("create temp table purge_payload (id bigint primary key, root_id bigint) on commit drop").update();
		if (purpose.traces) {
			values();
			payloads();
			TRACES.forEach(sql -> jdbc.sql(sql).update());
			jdbc.sql("drop table purge_value").update();
		}
		for (String sql : REMOVE) {
			jdbc.sql(sql)
				.params(Map.of("action", purpose.action, "reason", reason == null ? "" : reason))
				.update();
		}
		return count;
	}

	/** The values that identify the people (ids, emails, phones, names), for the text searches. */
	private void values() {
		jdbc.sql("""
				create temp table purge_value on commit drop as
				select distinct v from (
				    select i.external_id as v from contact_identity i join purge_contact p on p.id = i.contact_id
				    union all select c.email_normalized from contact c join purge_contact p on p.id = c.id
				    union all select ltrim(c.phone_e164, '+') from contact c join purge_contact p on p.id = c.id
				    union all select c.name from contact c join purge_contact p on p.id = c.id) values
				where length(v) >= 4""").update();
	}

	/** The capture payloads that carry each person, found through the channel adapters, then dropped. */
	private void payloads() {
		List<Long> roots = new ArrayList<>();
		List<PersonTraces> people = new ArrayList<>();
		jdbc.sql("""
				select r.root_id,
				       array(select i.channel || ':' || i.external_id from contact_identity i
				             join purge_contact p on p.id = i.contact_id where p.root_id = r.root_id) as identities,
				       array(select c.email_normalized from contact c join purge_contact p on p.id = c.id
				             where p.root_id = r.root_id and c.email_normalized is not null) as emails,
				       array(select c.phone_e164 from contact c join purge_contact p on p.id = c.id
				             where p.root_id = r.root_id and c.phone_e164 is not null) as phones
				from (select distinct root_id from purge_contact) r""")
			.query(rs -> {
				roots.add(rs.getLong("root_id"));
				people.add(new PersonTraces(Set.copyOf(Jdbc.strings(rs, "identities")),
						Set.copyOf(Jdbc.strings(rs, "emails")), Set.copyOf(Jdbc.strings(rs, "phones"))));
			});
		Map<Long, Integer> carried = inbox.carrying(people);
		jdbc.sql("insert into purge_payload select unnest(cast(:ids as bigint[])), unnest(cast(:roots as bigint[]))")
			.param("ids", carried.keySet().toArray(Long[]::new))
			.param("roots", carried.values().stream().map(roots::get).toArray(Long[]::new))
			.update();
		inbox.delete(List.copyOf(carried.keySet()));
	}
}
