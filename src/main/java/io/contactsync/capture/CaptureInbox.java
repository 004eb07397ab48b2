package io.contactsync.capture;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import io.contactsync.store.PhoneNumbers;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * capture_inbox: captures accepted over HTTP, kept durably until capture-import (run without
 * {@code input}) has applied them.
 */
@Repository
public class CaptureInbox {

	private final JdbcClient jdbc;

	private final ChannelPayloads payloads;

	private final PhoneNumbers phoneNumbers;

	private final JsonMapper json;

	CaptureInbox(JdbcClient jdbc, ChannelPayloads payloads, PhoneNumbers phoneNumbers, JsonMapper json) {
		this.jdbc = jdbc;
		this.payloads = payloads;
		this.phoneNumbers = phoneNumbers;
		this.json = json;
	}

	/** Stores the payload (JSON text) for the next import and returns its inbox id. */
	public long accept(String payloadJson, String channel) {
		return jdbc.sql("insert into capture_inbox (channel, payload) values (:channel, cast(:payload as jsonb)) returning id")
			.param("channel", channel)
			.param("payload", payloadJson)
			.query(Long.class)
			.single();
	}

	/**
	 * The entries, in any state, whose payload carries the person: an event by or about one of their identities,
	 * or with one of their emails or phones. The text of a payload is searched first for the ids, the emails and the
	 * phones as bare digits (a phone written with spaces is found through the identity of the visitor who gave it),
	 * then each candidate is read through its channel's adapter, so that a number that only looks like an id does
	 * not count. A payload no adapter can read counts when its text holds one of the values.
	 */
	public List<Long> carrying(PersonTraces person) {
		if (person.isEmpty()) {
			return List.of();
		}
		List<String> patterns = person.values().map(value -> "%" + likeEscaped(value) + "%").toList();
		return jdbc.sql("select id, channel, payload::text from capture_inbox where payload::text ilike any (:patterns)")
			.param("patterns", patterns.toArray(String[]::new))
			.query((rs, row) -> carries(rs.getString(3), rs.getString(2), person) ? rs.getLong(1) : null)
			.list()
			.stream()
			.filter(id -> id != null)
			.toList();
	}

	public int delete(List<Long> ids) {
		return ids.isEmpty() ? 0 : jdbc.sql("delete from capture_inbox where id = any (:ids)")
			.param("ids", ids.toArray(Long[]::new))
			.update();
	}

	/** Drops the payloads that capture-import applied or refused before {@code before}; pending ones stay. */
	public int deleteProcessedBefore(Instant before) {
		return jdbc.sql("delete from capture_inbox where status <> 'pending' and processed_at < :before")
			.param("before", before.atOffset(ZoneOffset.UTC))
			.update();
	}

	private boolean carries(String payloadText, String channel, PersonTraces person) {
		try {
			JsonNode payload = json.readTree(payloadText);
			for (JsonNode item : payload.isArray() ? payload : List.of(payload)) {
				for (CaptureEvent event : payloads.adapt(item, channel).events()) {
					if (isAbout(event, person)) {
						return true;
					}
				}
			}
			return false;
		}
		catch (CaptureFormatException | JacksonException ex) {
			return true;
		}
	}

	private boolean isAbout(CaptureEvent event, PersonTraces person) {
		return person.identities().contains(PersonTraces.identity(event.channel(), event.visitor()))
				|| event.newVisitor() != null
						&& person.identities().contains(PersonTraces.identity(event.channel(), event.newVisitor()))
				|| event.email() != null && person.emails().contains(event.email().strip().toLowerCase())
				|| phoneNumbers.toE164(event.phone()).filter(person.phones()::contains).isPresent();
	}

	private static String likeEscaped(String value) {
		return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}
}
