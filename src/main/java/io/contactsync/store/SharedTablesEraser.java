package io.contactsync.store;

import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The shared tables' part of a purge: the contacts themselves with their identities, conversations and messages,
 * counted for the audit first. It runs last, because the other erasers find the people through these rows.
 */
@Component
class SharedTablesEraser implements PersonalDataEraser {

	/**
	 * Counted in one pass of grouped joins rather than per contact, as a retention run may purge many. Open
	 * conversations are closed by the purge, as the seed asks of every deletion: the audit counts them so.
	 */
	private static final String COUNT = """
			insert into purge_count (root_id, item, n, removed)
			select s.root_id, x.item, x.n, true
			from (select p.root_id, coalesce(sum(i.n), 0) as identities, coalesce(sum(v.n), 0) as conversations,
			             coalesce(sum(v.open), 0) as open_conversations, coalesce(sum(m.n), 0) as messages
			      from purge_contact p
			      left join (select contact_id, count(*) as n from contact_identity
			                 where contact_id in (select id from purge_contact) group by contact_id) i
			             on i.contact_id = p.id
			      left join (select contact_id, count(*) as n, count(*) filter (where status = 'open') as open
			                 from conversation where contact_id in (select id from purge_contact)
			                 group by contact_id) v on v.contact_id = p.id
			      left join (select v.contact_id, count(*) as n from message m
			                 join conversation v on v.id = m.conversation_id
			                 where v.contact_id in (select id from purge_contact) group by v.contact_id) m
			             on m.contact_id = p.id
			      group by p.root_id) s
			cross join lateral (values ('identities', s.identities), ('conversations', s.conversations),
			    ('closedConversations', s.open_conversations), ('messages', s.messages)) x (item, n)""";

	/** Children first, set-based: left to the foreign keys' cascades they would go one parent row at a time. */
	private static final String[] DELETE = { """
			delete from message m using conversation v
			where v.id = m.conversation_id and v.contact_id in (select id from purge_contact)""", """
			delete from conversation where contact_id in (select id from purge_contact)""", """
			delete from contact_identity where contact_id in (select id from purge_contact)""", """
			delete from contact where id in (select id from purge_contact)""" };

	private final JdbcClient jdbc;

	SharedTablesEraser(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public Set<String> tables() {
		return Set.of("contact", "contact_identity", "conversation", "message");
	}

	@Override
	public void erase(PurgedContacts purged) {
		jdbc.sql(COUNT).update();
		for (String sql : DELETE) {
			jdbc.sql(sql).update();
		}
	}

	@Override
	public int getOrder() {
		return LOWEST_PRECEDENCE;
	}
}
