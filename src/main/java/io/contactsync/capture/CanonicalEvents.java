package io.contactsync.capture;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.contactsync.store.Channel;
import org.springframework.modulith.NamedInterface;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads and writes the canonical capture event as JSON: one object with the snake_case fields of
 * {@link CaptureEvent} ({@code type, channel, bot, visitor, conversation, at, id, sender, kind, text, name, username,
 * email, phone, new_visitor}), {@code at} an ISO-8601 instant, and three that become the contact's attributes:
 * {@code attributes} (an object of plain values), {@code fields} (a form's fields for {@code form_submitted}; its
 * name, email and phone fill the event's own when those are absent) and {@code locale}. Integrators send it over HTTP, JSON Lines files hold
 * one per line, and the benchmark generator writes it.
 * <p>
 * Reading validates what the store relies on: a known type and channel, a visitor, a time, a conversation for
 * conversation and message events, a sender for messages ({@code visitor}, {@code bot} or {@code agent}) and the new
 * id for identity changes; without these the event is refused. A message without a kind is a text message. An
 * optional field of the wrong type, or a field the event does not have (camelCase, misspelt), is passed over with a
 * warning: the event goes in and the report names the field. Errors and warnings name the field, never its value.
 */
@Component
@NamedInterface("events")
public class CanonicalEvents {

	private static final String SOURCE = "canonical event: ";

	private static final List<String> FIELDS = List.of("type", "channel", "bot", "visitor", "conversation", "at", "id",
			"sender", "kind", "text", "name", "username", "email", "phone", "new_visitor", "attributes", "fields", "locale");

	/** The attribute that holds the language or locale a channel gives, e.g. "ru" or "en_US". */
	public static final String LOCALE = "locale";

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
		return adapt(node).events().get(0);
	}

	/**
	 * The event in the node, with a warning for each optional field that was passed over because it has the wrong
	 * type or is not a field of the event; a missing or wrong required field refuses the event.
	 */
	public Adaptation adapt(JsonNode node) {
		if (node == null || !node.isObject()) {
			throw new CaptureFormatException(SOURCE + "not a JSON object");
		}
		List<FieldWarning> warnings = new ArrayList<>();
		passOverUnknownFields(node, warnings);
		CaptureEventType type = type(node);
		String channel = channel(node);
		String visitor = requiredId(node, "visitor");
		Instant at = at(node);
		String conversation = id(node, "conversation", IN_CONVERSATION.contains(type), warnings);
		if (conversation == null && IN_CONVERSATION.contains(type)) {
			throw new CaptureFormatException(SOURCE + "conversation is required for " + type.code());
		}
		String sender = text(node, "sender", type == CaptureEventType.MESSAGE, warnings);
		String kind = text(node, "kind", false, warnings);
		if (type == CaptureEventType.MESSAGE) {
			if (sender == null || !SENDERS.contains(sender)) {
				throw new CaptureFormatException(SOURCE + "sender is required for message and must be one of "
						+ String.join(", ", SENDERS.stream().sorted().toList()));
			}
			kind = kind == null ? "text" : kind;
		}
		boolean rekey = type == CaptureEventType.IDENTITY_CHANGED;
		String newVisitor = id(node, "new_visitor", rekey, warnings);
		if (newVisitor == null && rekey) {
			throw new CaptureFormatException(SOURCE + "new_visitor is required for identity_changed");
		}
		Map<String, String> fields = attributes(node, "fields", warnings);
		CaptureEvent event = new CaptureEvent(type, channel, id(node, "bot", false, warnings), visitor, conversation,
				at, id(node, "id", false, warnings), sender, kind, text(node, "text", false, warnings),
				orField(text(node, "name", false, warnings), fields, "name"), text(node, "username", false, warnings),
				orField(text(node, "email", false, warnings), fields, "email"),
				orField(text(node, "phone", false, warnings), fields, "phone"), newVisitor,
				attributes(node, fields, warnings));
		return new Adaptation(List.of(event), List.of(), warnings);
	}

	/** A form's name, email or phone may come among its fields; the event's own field wins. */
	private static String orField(String value, Map<String, String> fields, String field) {
		String fromForm = fields.remove(field);
		return value != null ? value : fromForm;
	}

	/** {@code attributes}, the form's other {@code fields} and the {@code locale}, for contact.attributes. */
	private static Map<String, String> attributes(JsonNode node, Map<String, String> fields,
			List<FieldWarning> warnings) {
		Map<String, String> attributes = new LinkedHashMap<>(fields);
		attributes.putAll(attributes(node, "attributes", warnings));
		String locale = text(node, "locale", false, warnings);
		if (locale != null) {
			attributes.put(LOCALE, locale.strip());
		}
		return attributes;
	}

	private static Map<String, String> attributes(JsonNode node, String field, List<FieldWarning> warnings) {
		JsonNode value = JsonFields.child(node, field);
		if (value != null && !value.isObject()) {
			warnings.add(new FieldWarning(field, "not an object of names and values; passed over"));
			return new LinkedHashMap<>();
		}
		return CaptureAttributes.of(value, "", field, warnings);
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
		if (!event.attributes().isEmpty()) {
			ObjectNode attributes = node.putObject("attributes");
			event.attributes().forEach(attributes::put);
		}
		return JsonMapper.shared().writeValueAsString(node);
	}

	private static void put(ObjectNode node, String field, String value) {
		if (value != null) {
			node.put(field, value);
		}
	}

	/** A misspelt or camelCase field is not lost silently: the report names it. */
	private static void passOverUnknownFields(JsonNode node, List<FieldWarning> warnings) {
		for (String field : node.propertyNames()) {
			if (!FIELDS.contains(field)) {
				warnings.add(new FieldWarning(Skipped.key(field), "not a field of the canonical event; passed over (its"
						+ " fields are " + String.join(", ", FIELDS) + ")"));
			}
		}
	}

	private static CaptureEventType type(JsonNode node) {
		String code = text(node, "type", true, List.of());
		return CaptureEventType.fromCode(code == null ? null : code.strip().toLowerCase())
			.orElseThrow(() -> new CaptureFormatException(SOURCE + "type is missing or unknown; it is one of "
					+ Arrays.stream(CaptureEventType.values()).map(CaptureEventType::code).collect(Collectors.joining(", "))));
	}

	private static String channel(JsonNode node) {
		String code = text(node, "channel", true, List.of());
		return Channel.fromCode(code == null ? null : code.strip())
			.map(Channel::code)
			.orElseThrow(() -> new CaptureFormatException(
					SOURCE + "channel is missing or unknown; it is one of " + Channel.codes()));
	}

	private static Instant at(JsonNode node) {
		String text = text(node, "at", true, List.of());
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
		String id = id(node, field, true, List.of());
		if (id == null) {
			throw new CaptureFormatException(SOURCE + field + " is missing or blank");
		}
		return id;
	}

	/** An id; of the wrong type, a required one refuses the event and an optional one is passed over. */
	private static String id(JsonNode node, String field, boolean required, List<FieldWarning> warnings) {
		JsonNode value = JsonFields.child(node, field);
		if (value != null && !value.isString() && !value.isIntegralNumber()) {
			if (required) {
				throw new CaptureFormatException(SOURCE + field + " must be a string or an integer");
			}
			warnings.add(new FieldWarning(field, "not a string or an integer; passed over"));
			return null;
		}
		String id = JsonFields.id(node, field);
		return id == null ? null : id.strip();
	}

	private static String text(JsonNode node, String field, boolean required, List<FieldWarning> warnings) {
		JsonNode value = JsonFields.child(node, field);
		if (value != null && !value.isString()) {
			if (required) {
				throw new CaptureFormatException(SOURCE + field + " must be a string");
			}
			warnings.add(new FieldWarning(field, "not a string; passed over"));
			return null;
		}
		return JsonFields.text(node, field);
	}
}
