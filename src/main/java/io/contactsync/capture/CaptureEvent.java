package io.contactsync.capture;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.modulith.NamedInterface;

/**
 * The canonical capture event: one thing a visitor did on a channel, in the form every source is turned
 * into before it reaches the store. As JSON (one object per line in a .jsonl file) its fields are
 * snake_case: {@code type, channel, bot, visitor, conversation, at, id, sender, kind, text, name, username,
 * email, phone, new_visitor, attributes}.
 *
 * @param type         what happened
 * @param channel      frame, livechat, telegram, messenger or whatsapp
 * @param bot          the bot or inbox that talked with the visitor, when the channel says
 * @param visitor      the visitor's id on the channel (Telegram user id, wa_id, PSID, widget source id...)
 * @param conversation the conversation's id on the channel; every event in a conversation carries it
 * @param at           when it happened
 * @param id           the event's own id on the channel (a message id), which makes a repeat recognisable
 * @param sender       for messages: visitor, bot or agent
 * @param kind         for messages: text, image, sticker, document, contact, location, ...
 * @param text         message text, or the message of a contact form
 * @param name         the visitor's name, as the channel or a form gave it
 * @param username     the visitor's handle, e.g. a Telegram username
 * @param email        the visitor's email
 * @param phone        the visitor's phone, as given
 * @param newVisitor   for identity_changed: the visitor's new id
 * @param attributes   what else the visitor or the channel said about them (a form's fields, a CRM-ish custom
 *                     attribute, the locale), for {@code contact.attributes}; never null
 */
@NamedInterface("events")
public record CaptureEvent(CaptureEventType type, String channel, String bot, String visitor, String conversation,
		Instant at, String id, String sender, String kind, String text, String name, String username, String email,
		String phone, String newVisitor, Map<String, String> attributes) {

	public CaptureEvent {
		attributes = attributes == null || attributes.isEmpty() ? Map.of()
				: Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
	}

	/** An event without attributes. */
	public CaptureEvent(CaptureEventType type, String channel, String bot, String visitor, String conversation,
			Instant at, String id, String sender, String kind, String text, String name, String username, String email,
			String phone, String newVisitor) {
		this(type, channel, bot, visitor, conversation, at, id, sender, kind, text, name, username, email, phone,
				newVisitor, Map.of());
	}

	/** The same event with these attributes added to its own (its own win). */
	public CaptureEvent withAttributes(Map<String, String> more) {
		if (more.isEmpty()) {
			return this;
		}
		Map<String, String> merged = new LinkedHashMap<>(more);
		merged.putAll(attributes);
		return new CaptureEvent(type, channel, bot, visitor, conversation, at, id, sender, kind, text, name, username,
				email, phone, newVisitor, merged);
	}
}
