package io.contactsync.retention;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;

import io.contactsync.store.AuditLog;
import io.contactsync.store.ContactRepository;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Subject access (GDPR article 15): one JSON document with everything the store holds about a person, built by
 * PostgreSQL from the rows themselves, so that a column added later is exported without anyone remembering to.
 * Covers the contact and the contacts merged into it: profile with consent and erasure state, identities,
 * conversations with their transcripts, lead score and its reasons, CRM links, merges and the audit trail.
 * Working columns that only repeat others (the search text, the normalised email) are left out.
 */
@Service
public class SubjectExport {

	private static final String DOCUMENT = """
			with person as (select :id::bigint as id union select id from contact where merged_into = :id)
			select jsonb_build_object(
			    'exportedAt', :now,
			    'contact', (select to_jsonb(c) - 'search_text' - 'email_normalized' from contact c where c.id = :id),
			    'mergedContacts', coalesce((select jsonb_agg(to_jsonb(c) - 'search_text' - 'email_normalized' order by c.id)
			                                from contact c where c.merged_into = :id), '[]'),
			    'identities', coalesce((select jsonb_agg(to_jsonb(i) order by i.channel, i.created_at)
			                            from contact_identity i where i.contact_id in (select id from person)), '[]'),
			    'conversations', coalesce((
			        select jsonb_agg(to_jsonb(v) || jsonb_build_object('messages', coalesce((
			                   select jsonb_agg(to_jsonb(m) - 'conversation_id' order by m.sent_at, m.id)
			                   from message m where m.conversation_id = v.id), '[]')) order by v.started_at, v.id)
			        from conversation v where v.contact_id in (select id from person)), '[]'),
			    'leadScore', (select to_jsonb(l) - 'contact_id' from lead_score l where l.contact_id = :id),
			    'crmLinks', coalesce((select jsonb_agg(to_jsonb(k) order by k.target, k.contact_id)
			                          from crm_link k where k.contact_id in (select id from person)), '[]'),
			    'merges', coalesce((select jsonb_agg(to_jsonb(r) order by r.merged_at, r.id) from merge_record r
			                        where r.survivor_id = :id or r.merged_id = :id), '[]'),
			    'duplicateCandidates', coalesce((select jsonb_agg(to_jsonb(d) order by d.id) from duplicate_candidate d
			                                     where d.contact_a = :id or d.contact_b = :id), '[]'),
			    'auditTrail', coalesce((select jsonb_agg(to_jsonb(a) order by a.occurred_at, a.id) from audit_event a
			                            where a.entity_type = 'contact' and a.entity_id in (select id from person)), '[]')
			)::text""";

	private final JdbcClient jdbc;

	private final ContactRepository contacts;

	private final AuditLog audit;

	private final Clock clock;

	SubjectExport(JdbcClient jdbc, ContactRepository contacts, AuditLog audit, Clock clock) {
		this.jdbc = jdbc;
		this.contacts = contacts;
		this.audit = audit;
		this.clock = clock;
	}

	/** The document as JSON text; the export itself is audited first, so that it appears in its own trail. */
	@Transactional
	public String document(long contactId, String actor) {
		contacts.requireExists(contactId);
		audit.record(actor, "contact.subject_exported", "contact", contactId, Map.of());
		return jdbc.sql(DOCUMENT)
			.param("id", contactId)
			.param("now", clock.instant().atOffset(ZoneOffset.UTC))
			.query(String.class)
			.single();
	}
}
