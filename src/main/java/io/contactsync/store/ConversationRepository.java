package io.contactsync.store;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Conversations and their messages. */
@Repository
@Transactional(readOnly = true)
public class ConversationRepository {

	private final JdbcClient jdbc;

	public ConversationRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The contact's conversations, newest first. */
	public List<ConversationSummary> findByContact(long contactId) {
		return jdbc.sql("""
				select id, channel, bot, started_at, last_message_at, closed_at, message_count, status,
				       extract(epoch from coalesce(closed_at, last_message_at) - started_at)::bigint as duration
				from conversation where contact_id = :contactId
				order by started_at desc, id desc""")
			.param("contactId", contactId)
			.query((rs, row) -> new ConversationSummary(rs.getLong("id"), rs.getString("channel"), rs.getString("bot"),
					Jdbc.instant(rs, "started_at"), Jdbc.instant(rs, "last_message_at"), Jdbc.instant(rs, "closed_at"),
					(Long) rs.getObject("duration"), rs.getInt("message_count"), rs.getString("status")))
			.list();
	}

	/** The transcript in the order it was written; empty when there is no such conversation. */
	public Optional<List<Message>> findMessages(long conversationId) {
		if (!exists(conversationId)) {
			return Optional.empty();
		}
		return Optional.of(jdbc.sql("""
				select id, sender, kind, text, sent_at from message
				where conversation_id = :conversationId order by sent_at, id""")
			.param("conversationId", conversationId)
			.query((rs, row) -> new Message(rs.getLong("id"), rs.getString("sender"), rs.getString("kind"),
					rs.getString("text"), Jdbc.instant(rs, "sent_at")))
			.list());
	}

	public int countOpen(long contactId) {
		return jdbc.sql("select count(*) from conversation where contact_id = :contactId and status = 'open'")
			.param("contactId", contactId)
			.query(Integer.class)
			.single();
	}

	/** Closes the contact's open conversations now; returns how many there were. */
	@Transactional
	public int closeOpen(long contactId) {
		return jdbc.sql("""
				update conversation set status = 'closed', closed_at = now()
				where contact_id = :contactId and status = 'open'""")
			.param("contactId", contactId)
			.update();
	}

	private boolean exists(long conversationId) {
		return jdbc.sql("select exists (select 1 from conversation where id = :id)")
			.param("id", conversationId)
			.query(Boolean.class)
			.single();
	}
}
