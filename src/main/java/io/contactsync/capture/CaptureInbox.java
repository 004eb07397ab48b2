package io.contactsync.capture;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.contactsync.capture.channel.ChannelPayloads;
import io.contactsync.store.PhoneNumbers;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.NamedInterface;
import org.springframework.stereotype.Repository;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * capture_inbox: captures accepted over HTTP, kept durably until capture-import (run without
 * {@code input}) has applied them.
 */
@Repository
@NamedInterface("inbox")
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
	 * Keeps a payload that was refused when it arrived, as failed with the reason, so that it can be found, shown
	 * and erased like any other capture; no import reads it.
	 */
	public long keepRefused(String payloadJson, String channel, String reason) {
		return jdbc.sql("""
				insert into capture_inbox (channel, payload, status, processed_at, error)
				values (:channel, cast(:payload as jsonb), 'failed', now(), :error) returning id""")
			.param("channel", channel)
			.param("payload", payloadJson)
			.param("error", io.contactsync.store.StorableText.clean(reason))
			.query(Long.class)
			.single();
	}

	/**
	 * The entries, in any state, whose payload carries one of the people: an event by or about one of their
	 * identities, or with one of their emails or phones. The text of the payloads is searched first, once for all of
	 * them, for the ids, the emails and the phones as bare digits (a phone written with spaces is found through the
	 * identity of the visitor who gave it); then each candidate is read through its channel's adapter, so that a
	 * number that only looks like an id does not count. A payload no adapter can read counts when its text holds
	 * one of the values.
	 * @return each entry's id with the index, in {@code people}, of the person it carries
	 */
	public Map<Long, Integer> carrying(List<PersonTraces> people) {
		TraceIndex index = new TraceIndex(people);
		String[] patterns = people.stream().flatMap(PersonTraces::values).map(value -> "%" + likeEscaped(value) + "%")
			.distinct().toArray(String[]::new);
		Map<Long, Integer> carried = new LinkedHashMap<>();
		if (patterns.length == 0) {
			return carried;
		}
		jdbc.sql("select id, channel, payload::text from capture_inbox where payload::text ilike any (:patterns)")
			.param("patterns", patterns)
			.query(rs -> {
				Integer person = carrier(rs.getString(3), rs.getString(2), index);
				if (person != null) {
					carried.put(rs.getLong(1), person);
				}
			});
		return carried;
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

	/** The index of the person the payload carries, or null; one whose text matched but cannot be read counts. */
	private Integer carrier(String payloadText, String channel, TraceIndex index) {
		try {
			JsonNode payload = json.readTree(payloadText);
			for (JsonNode item : payload.isArray() ? payload : List.of(payload)) {
				for (CaptureEvent event : payloads.adapt(item, channel).events()) {
					Integer person = index.personOf(event);
					if (person != null) {
						return person;
					}
				}
			}
			return null;
		}
		catch (CaptureFormatException | JacksonException ex) {
			return index.personIn(payloadText);
		}
	}

	/** Which person an identity, email or phone belongs to. */
	private final class TraceIndex {

		private final Map<String, Integer> owners = new HashMap<>();

		private final List<PersonTraces> people;

		TraceIndex(List<PersonTraces> people) {
			this.people = people;
			for (int i = 0; i < people.size(); i++) {
				PersonTraces person = people.get(i);
				Integer owner = i;
				person.identities().forEach(identity -> owners.putIfAbsent(identity, owner));
				person.emails().forEach(email -> owners.putIfAbsent("email:" + email, owner));
				person.phones().forEach(phone -> owners.putIfAbsent("phone:" + phone, owner));
			}
		}

		Integer personOf(CaptureEvent event) {
			Integer owner = owners.get(PersonTraces.identity(event.channel(), event.visitor()));
			if (owner == null && event.newVisitor() != null) {
				owner = owners.get(PersonTraces.identity(event.channel(), event.newVisitor()));
			}
			if (owner == null && event.email() != null) {
				owner = owners.get("email:" + event.email().strip().toLowerCase());
			}
			if (owner == null) {
				owner = phoneNumbers.toE164(event.phone()).map(phone -> owners.get("phone:" + phone)).orElse(null);
			}
			return owner;
		}

		Integer personIn(String text) {
			String lower = text.toLowerCase();
			for (int i = 0; i < people.size(); i++) {
				if (people.get(i).values().anyMatch(value -> lower.contains(value.toLowerCase()))) {
					return i;
				}
			}
			return null;
		}
	}

	private static String likeEscaped(String value) {
		return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}
}
