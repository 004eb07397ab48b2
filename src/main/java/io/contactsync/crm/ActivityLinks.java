package io.contactsync.crm;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.contactsync.crm.CrmMapping.Activities;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * crm_activity_link, which this module owns, as the pushActivities step reads and writes it: the conversations
 * a mapping's activities take whose contact has a CRM record and which were not pushed as they stand (new, gained
 * messages, failed, or their contact's record changed in a merge), the activities whose conversation is gone, and
 * what each push answered.
 */
@Component
class ActivityLinks {

	private final JdbcClient jdbc;

	ActivityLinks(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * A conversation to push. {@code crmId} and {@code pushedParent} are the activity's from the last push, if
	 * any; when the parent or the kind changed the old activity is deleted and a new one created on the record.
	 */
	record Pending(long conversationId, long contactId, String parentCrmId, String kind, String crmId,
			String pushedParent, String pushedKind) {

		boolean moves() {
			return crmId != null && (!parentCrmId.equals(pushedParent) || !kind.equals(pushedKind));
		}
	}

	/** An activity whose conversation is gone from the store (its contact erased or deleted). */
	record Gone(long conversationId, String crmId, String kind) {
	}

	List<Pending> pending(CrmMapping mapping) {
		return filtered(mapping, """
				select c.id, c.contact_id, l.crm_id, k.kind, a.crm_id, a.parent_crm_id, a.kind
				from conversation c
				join crm_link l on l.contact_id = c.contact_id and l.target = :target and l.crm_id is not null
				                and l.status not in (%s)
				cross join lateral (select case when :communications and c.channel = 'whatsapp'
				                                then 'communication' else :kind end as kind) k
				left join crm_activity_link a on a.conversation_id = c.id and a.target = :target
				where %s
				  and (a.conversation_id is null or a.status <> 'synced' or a.message_count <> c.message_count
				       or a.parent_crm_id is distinct from l.crm_id or a.kind is distinct from k.kind)
				order by c.id""".formatted(HELD, TAKEN))
			.query((rs, row) -> new Pending(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
					rs.getString(5), rs.getString(6), rs.getString(7)))
			.list();
	}

	/** How many conversations the mapping takes wait for their contact's record in the CRM. */
	long waiting(CrmMapping mapping) {
		return filtered(mapping, """
				select count(*) from conversation c
				where %s and not exists (select 1 from crm_link l where l.contact_id = c.contact_id
				                         and l.target = :target and l.crm_id is not null and l.status not in (%s))"""
			.formatted(TAKEN, HELD))
			.query(Long.class)
			.single();
	}

	/** Link statuses of a record an activity may hang on: held by the contact, not left to sales. */
	private static final String HELD = CrmLinkStatus.NOT_HELD + ", 'converted', 'missing'";

	/** The conversations the mapping's activities take, as SQL on {@code c}. */
	private static final String TAKEN = """
			c.message_count >= :min and (not :closedOnly or c.status = 'closed')
			  and (:allChannels or c.channel in (:channels))""";

	private JdbcClient.StatementSpec filtered(CrmMapping mapping, String sql) {
		Activities activities = mapping.activities();
		return jdbc.sql(sql)
			.param("target", mapping.name())
			.param("communications", Activities.COMMUNICATION.equals(activities.as()))
			// Chats of other channels than WhatsApp stay notes when the mapping asks for communications.
			.param("kind", Activities.COMMUNICATION.equals(activities.as()) ? Activities.NOTE : activities.as())
			.param("min", activities.minMessages())
			.param("closedOnly", activities.closedOnly())
			.param("allChannels", activities.channels().isEmpty())
			.param("channels", activities.channels().isEmpty() ? List.of("") : List.copyOf(activities.channels()));
	}

	List<Gone> gone(CrmMapping mapping) {
		return jdbc.sql("""
				select a.conversation_id, a.crm_id, a.kind from crm_activity_link a
				where a.target = :target and a.status <> 'deleted' and a.crm_id is not null
				  and not exists (select 1 from conversation c where c.id = a.conversation_id)
				order by a.conversation_id""")
			.param("target", mapping.name())
			.query((rs, row) -> new Gone(rs.getLong(1), rs.getString(2), rs.getString(3)))
			.list();
	}

	/** The links of gone conversations whose activity was never created: closed, nothing to delete. */
	void closeUnpushed(CrmMapping mapping) {
		jdbc.sql("""
				update crm_activity_link a set status = 'deleted', last_error = null
				where a.target = :target and a.status <> 'deleted' and a.crm_id is null
				  and not exists (select 1 from conversation c where c.id = a.conversation_id)""")
			.param("target", mapping.name())
			.update();
	}

	/** The conversations with their messages, in the order asked. */
	Map<Long, Transcript.Conversation> transcripts(List<Long> conversationIds) {
		Map<Long, List<Transcript.Message>> messages = new LinkedHashMap<>();
		conversationIds.forEach(id -> messages.put(id, new ArrayList<>()));
		jdbc.sql("""
				select conversation_id, sender, kind, text, sent_at from message
				where conversation_id in (:ids) order by conversation_id, sent_at, id""")
			.param("ids", conversationIds)
			.query(rs -> {
				messages.get(rs.getLong(1)).add(new Transcript.Message(rs.getString(2), rs.getString(3),
						rs.getString(4), rs.getObject(5, OffsetDateTime.class)));
			});
		Map<Long, Transcript.Conversation> conversations = new LinkedHashMap<>();
		jdbc.sql("""
				select id, channel, bot, started_at, coalesce(closed_at, last_message_at) from conversation
				where id in (:ids)""")
			.param("ids", conversationIds)
			.query(rs -> {
				long id = rs.getLong(1);
				conversations.put(id, new Transcript.Conversation(id, rs.getString(2), rs.getString(3),
						rs.getObject(4, OffsetDateTime.class), rs.getObject(5, OffsetDateTime.class), messages.get(id)));
			});
		return conversations;
	}

	/** What the CRM answered for one activity: synced with its id, or failed with the CRM's words. */
	void recorded(CrmMapping mapping, Pending pending, ActivityResult result, int messageCount, String hash) {
		jdbc.sql("""
				insert into crm_activity_link as a (conversation_id, target, contact_id, parent_crm_id, crm_id, kind,
				       message_count, payload_hash, pushed_at, status, last_error, attempts)
				values (:conversation, :target, :contact, :parent, :crmId, :kind, :messages, :hash, now(),
				        :status, :error, 1)
				on conflict (conversation_id, target) do update set
				       contact_id = excluded.contact_id,
				       parent_crm_id = case when :ok then excluded.parent_crm_id else a.parent_crm_id end,
				       crm_id = coalesce(excluded.crm_id, a.crm_id),
				       kind = case when :ok then excluded.kind else a.kind end,
				       message_count = case when :ok then excluded.message_count else a.message_count end,
				       payload_hash = case when :ok then excluded.payload_hash else a.payload_hash end,
				       pushed_at = case when :ok then excluded.pushed_at else a.pushed_at end,
				       status = excluded.status, last_error = excluded.last_error,
				       attempts = case when :ok then 0 else a.attempts + 1 end""")
			.param("conversation", pending.conversationId())
			.param("target", mapping.name())
			.param("contact", pending.contactId())
			.param("parent", pending.parentCrmId())
			.param("crmId", result.crmId())
			.param("kind", pending.kind())
			.param("messages", messageCount)
			.param("hash", hash)
			.param("status", result.succeeded() ? "synced" : "failed")
			.param("error", result.succeeded() ? null : result.errorCode() + ": " + result.message())
			.param("ok", result.succeeded())
			.update();
	}

	/** The old activity of a conversation that moved is gone: the next push creates it on its record. */
	void detached(CrmMapping mapping, long conversationId) {
		jdbc.sql("""
				update crm_activity_link set crm_id = null, parent_crm_id = null, status = 'failed',
				       last_error = 'moved: created again on the contact''s record'
				where conversation_id = :conversation and target = :target""")
			.param("conversation", conversationId)
			.param("target", mapping.name())
			.update();
	}

	void deleted(CrmMapping mapping, long conversationId) {
		jdbc.sql("""
				update crm_activity_link set status = 'deleted', last_error = null
				where conversation_id = :conversation and target = :target""")
			.param("conversation", conversationId)
			.param("target", mapping.name())
			.update();
	}

	void failed(CrmMapping mapping, long conversationId, DeleteResult result) {
		jdbc.sql("""
				update crm_activity_link set last_error = :error, attempts = attempts + 1
				where conversation_id = :conversation and target = :target""")
			.param("error", result.errorCode() + ": " + result.message())
			.param("conversation", conversationId)
			.param("target", mapping.name())
			.update();
	}
}
