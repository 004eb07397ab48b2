package io.contactsync.capture;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.contactsync.store.Channel;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads and writes the canonical capture event as JSON: one object with the snake_case fields of
 * {@link CaptureEvent} ({@code type, channel, bot, visitor, conversation, at, id, sender, kind, text, name, username,
 * email, phone, new_visitor}), {@code at} an ISO-8601 instant. Integrators send it over HTTP, JSON Lines files hold
 * one per line, and the benchmark generator writes it.
 * <p>
 * Reading validates what the store relies on: a known type and channel, a visitor, a time, a conversation for
 * conversation and message events, a sender for messages ({@code visitor}, {@code bot} or {@code agent}) and the new
 * id for identity changes. A message without a kind is a text message. A field the event does not have is refused,
 * so that a camelCase or misspelt field is not silently lost. Errors name the field, never its value.
 */
@Component
public class CanonicalEvents {

	private static final String SOURCE = "canonical event: ";

	private static final List<String> FIELDS = List.of("type", "channel", "bot", "visitor", "conversation", "at", "id",
			"sender", "kind", "text", "name", "username", "email", "phone", "new_visitor");

	private static final Set<String> SENDERS = Set.of(Origin.VISITOR, Origin.BOT, Origin.AGENT);

	private static final Set<CaptureEventType> IN_CONVERSATION = Set.of(CaptureEventType.CONVERSATION_STARTED,
			CaptureEventType.MESSAGE, CaptureEventType.CONVERSATION_CLOSED);

	/** Whether the payload is a canonical event rather than a channel's payload: it has type, channel and visitor. */
	public boolean recognises(JsonNode payload) {
		return payload != null && payload.isObject() && payload.has("type") && payload.has("channel")
				&& payload.has("visitor");
	}

	/** One line of a JSON Lines file; a line that is not JSON is refused without quoting it. */
	public CaptureEvent readLine(String line) {
		JsonNode node;
		try {
			node = JsonMapper.shared().readTree(line);
		}
		catch (JacksonException ex) {
			// Jackson's own message quotes the text around the error, which is personal data
			String where = ex.getLocation() == null ? "" : " (column " + ex.getLocation().getColumnNr() + ")";
			throw new CaptureFormatException(SOURCE + "not valid JSON" + where);
		}
		return read(node);
	}

	public CaptureEvent read(JsonNode node) {
		if (node == null || !node.isObject()) {
			throw new CaptureFormatException(SOURCE + "not a JSON object");
		}
		refuseUnknownFields(node);
		CaptureEventType type = type(node);
		String channel = channel(node);
		String visitor = requiredId(node, "visitor");
		Instant at = at(node);
		String conversation = id(node, "conversation");
		if (conversation == null && IN_CONVERSATION.contains(type)) {
			throw new CaptureFormatException(SOURCE + "conversation is required for " + type.code());
		}
		String sender = text(node, "sender");
		String kind = text(node, "kind");
		if (type == CaptureEventType.MESSAGE) {
			if (sender == null || !SENDERS.contains(sender)) {
				throw new CaptureFormatException(SOURCE + "sender is required for message and must be one of "
						+ String.join(", ", SENDERS.stream().sorted().toList()));
			}
			kind = kind == null ? "text" : kind;
		}
		String newVisitor = id(node, "new_visitor");
		if (newVisitor == null && type == CaptureEventType.IDENTITY_CHANGED) {
			throw new CaptureFormatException(SOURCE + "new_visitor is required for identity_changed");
		}
		return new CaptureEvent(type, channel, id(node, "bot"), visitor, conversation, at, id(node, "id"), sender,
				kind, text(node, "text"), text(node, "name"), text(node, "username"), text(node, "email"),
				text(node, "phone"), newVisitor);
	}

	/** The event as one line of JSON, without the fields it does not have. */
	public String write(CaptureEvent event) {
		ObjectNode node = JsonMapper.shared().createObjectNode();
		put(node, "type", event.type() == null ? null : event.type().code());
		put(node, "channel", event.channel());
		put(node, "bot", event.bot());
		put(node, "visitor", event.visitor());
		put(node, "conversation", event.conversation());
		put(node, "at", event.at() == null ? null : event.at().toString());
		put(node, "id", event.id());
		put(node, "sender", event.sender());
		put(node, "kind", event.kind());
		put(node, "text", event.text());
		put(node, "name", event.name());
		put(node, "username", event.username());
		put(node, "email", event.email());
		put(node, "phone", event.phone());
		put(node, "new_visitor", event.newVisitor());
		return JsonMapper.shared().writeValueAsString(node);
	}

	private static void put(ObjectNode node, String field, String value) {
		if (value != null) {
			node.put(field, value);
		}
	}

	private static void refuseUnknownFields(JsonNode node) {
		for (String field : node.propertyNames()) {
			if (!FIELDS.contains(field)) {
				throw new CaptureFormatException(SOURCE + "'" + Skipped.key(field)
						+ "' is not a field of the canonical event; its fields are " + String.join(", ", FIELDS));
			}
		}
	}

	private static CaptureEventType type(JsonNode node) {
		String code = text(node, "type");
		return CaptureEventType.fromCode(code == null ? null : code.strip().toLowerCase())
			.orElseThrow(() -> new CaptureFormatException(SOURCE + "type is missing or unknown; it is one of "
					+ Arrays.stream(CaptureEventType.values()).map(CaptureEventType::code).collect(Collectors.joining(", "))));
	}

	private static String channel(JsonNode node) {
		String code = text(node, "channel");
		return Channel.fromCode(code == null ? null : code.strip())
			.map(Channel::code)
			.orElseThrow(() -> new CaptureFormatException(
					SOURCE + "channel is missing or unknown; it is one of " + Channel.codes()));
	}

	private static Instant at(JsonNode node) {
		String text = text(node, "at");
		if (text == null) {
			throw new CaptureFormatException(SOURCE + "at is missing");
		}
		try {
			return Instant.parse(text.strip());
		}
		catch (DateTimeException ex) {
			// an instant with an offset instead of Z is ISO-8601 too
		}
		try {
			return OffsetDateTime.parse(text.strip()).toInstant();
		}
		catch (DateTimeException ex) {
			throw new CaptureFormatException(SOURCE + "at is not an ISO-8601 instant such as 2025-08-22T12:00:00Z");
		}
	}

	private static String requiredId(JsonNode node, String field) {
		String id = id(node, field);
		if (id == null) {
			throw new CaptureFormatException(SOURCE + field + " is missing or blank");
		}
		return id;
	}

	private static String id(JsonNode node, String field) {
		JsonNode value = JsonFields.child(node, field);
		if (value != null && !value.isString() && !value.isIntegralNumber()) {
			throw new CaptureFormatException(SOURCE + field + " must be a string or an integer");
		}
		String id = JsonFields.id(node, field);
		return id == null ? null : id.strip();
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = JsonFields.child(node, field);
		if (value != null && !value.isString()) {
			throw new CaptureFormatException(SOURCE + field + " must be a string");
		}
		return JsonFields.text(node, field);
	}
}
