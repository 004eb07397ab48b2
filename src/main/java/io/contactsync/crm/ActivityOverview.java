package io.contactsync.crm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.contactsync.crm.CrmMapping.Activities;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Where each of a contact's conversations went, as the profile shows it: per mapping with {@code activities:}, the
 * activity it became (kind and CRM id), the CRM's words when it failed, or why it has not gone (still open, too
 * short, a channel the mapping leaves out, no CRM record for the contact yet).
 */
@Component
public class ActivityOverview {

	private final CrmMappings mappings;

	private final JdbcClient jdbc;

	ActivityOverview(CrmMappings mappings, JdbcClient jdbc) {
		this.mappings = mappings;
		this.jdbc = jdbc;
	}

	/**
	 * One conversation in one mapping.
	 *
	 * @param crmId the activity's id when it was pushed, else null
	 * @param said  what a reader needs: "note 90001", the CRM's refusal, or why it waits
	 */
	public record Pushed(String target, String crmId, String said) {
	}

	private record Conversation(long id, String status, String channel, int messages) {
	}

	private record Link(String crmId, String kind, String status, String error) {
	}

	/** By conversation id, the mappings' word on each of the contact's conversations. */
	public Map<Long, List<Pushed>> of(long contactId) {
		List<Conversation> conversations = jdbc.sql("""
				select id, status, channel, message_count from conversation where contact_id = :id order by id""")
			.param("id", contactId)
			.query((rs, row) -> new Conversation(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4)))
			.list();
		Map<Long, List<Pushed>> shown = new LinkedHashMap<>();
		conversations.forEach(conversation -> shown.put(conversation.id(), new ArrayList<>()));
		for (CrmMapping mapping : mappings.all()) {
			if (mapping.activities() == null) {
				continue;
			}
			Map<Long, Link> links = links(contactId, mapping);
			boolean hasRecord = hasRecord(contactId, mapping);
			for (Conversation conversation : conversations) {
				shown.get(conversation.id()).add(said(mapping, conversation, links.get(conversation.id()), hasRecord));
			}
		}
		return shown;
	}

	private static Pushed said(CrmMapping mapping, Conversation conversation, Link link, boolean hasRecord) {
		Activities activities = mapping.activities();
		if (link != null && "synced".equals(link.status())) {
			return new Pushed(mapping.name(), link.crmId(), link.kind() + " " + link.crmId());
		}
		if (link != null && "failed".equals(link.status()) && link.error() != null) {
			return new Pushed(mapping.name(), link.crmId(), "failed: " + link.error());
		}
		String waits;
		if (activities.closedOnly() && !"closed".equals(conversation.status())) {
			waits = "goes once the chat is closed";
		}
		else if (conversation.messages() < activities.minMessages()) {
			waits = "not pushed: fewer than " + activities.minMessages() + " messages";
		}
		else if (!activities.channels().isEmpty() && !activities.channels().contains(conversation.channel())) {
			waits = "not pushed: the mapping leaves out " + conversation.channel();
		}
		else if (!hasRecord) {
			waits = "waits until the contact is in " + mapping.target().label();
		}
		else {
			waits = "goes with the next push";
		}
		return new Pushed(mapping.name(), null, waits);
	}

	private Map<Long, Link> links(long contactId, CrmMapping mapping) {
		Map<Long, Link> links = new LinkedHashMap<>();
		jdbc.sql("""
				select conversation_id, crm_id, kind, status, last_error from crm_activity_link
				where contact_id = :id and target = :target""")
			.param("id", contactId)
			.param("target", mapping.name())
			.query(rs -> {
				links.put(rs.getLong(1), new Link(rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)));
			});
		return links;
	}

	private boolean hasRecord(long contactId, CrmMapping mapping) {
		return jdbc.sql("""
				select count(*) from crm_link where contact_id = :id and target = :target and crm_id is not null
				  and status not in (%s, 'converted', 'missing')""".formatted(CrmLinkStatus.NOT_HELD))
			.param("id", contactId)
			.param("target", mapping.name())
			.query(Long.class)
			.single() > 0;
	}
}
