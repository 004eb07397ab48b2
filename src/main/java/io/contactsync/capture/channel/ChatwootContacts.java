package io.contactsync.capture.channel;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.contactsync.capture.Adaptation;
import io.contactsync.capture.CanonicalEvents;
import io.contactsync.capture.CaptureAttributes;
import io.contactsync.capture.FieldWarning;
import io.contactsync.capture.JsonFields;
import io.contactsync.capture.Origin;
import io.contactsync.store.Channel;
import tools.jackson.databind.JsonNode;

/**
 * Chatwoot events about the contact rather than a conversation, each a PROFILE_SEEN:
 * <ul>
 * <li>{@code webwidget_triggered}: the visitor opened the website widget. Its payload (a contact inbox with the
 * contact, the inbox and {@code current_conversation}, usually null) has no conversation to start, so it only shows
 * the contact's name, on channel {@code frame}.</li>
 * <li>{@code contact_created} / {@code contact_updated}: the contact ({@code id}, {@code name}, {@code email},
 * {@code phone_number}) without any inbox, so on channel {@code livechat} unless the caller says {@code frame}.</li>
 * </ul>
 * None of them says when it happened, except an update's {@code changed_attributes} entry for {@code updated_at};
 * otherwise the event counts as seen when it is read.
 */
final class ChatwootContacts {

	private static final String SOURCE = ChatwootAdapter.SOURCE;

	private final Clock clock;

	ChatwootContacts(Clock clock) {
		this.clock = clock;
	}

	Adaptation widgetOpened(JsonNode payload, String channelOverride) {
		JsonNode contact = JsonFields.requiredObject(payload, "contact", SOURCE + ": contact");
		String visitor = "contact:" + JsonFields.requiredId(contact, "id", SOURCE + ": contact.id");
		String inbox = JsonFields.id(JsonFields.object(payload, "inbox"), "id");
		String conversationId = JsonFields.id(JsonFields.object(payload, "current_conversation"), "id");
		String conversation = inbox != null && conversationId != null ? "cw:" + inbox + ":" + conversationId : null;
		Origin origin = new Origin(channelOverride != null ? channelOverride : Channel.FRAME.code(), inbox, visitor,
				conversation);
		return new Adaptation(List.of(origin.profile(clock.instant(), JsonFields.text(contact, "name"), null, null,
				null, attributes(contact, null))), List.of());
	}

	Adaptation contactChanged(JsonNode payload, String channelOverride) {
		String visitor = "contact:" + JsonFields.requiredId(payload, "id", SOURCE + ": id");
		Origin origin = new Origin(channelOverride != null ? channelOverride : Channel.LIVECHAT.code(), null, visitor,
				null);
		return new Adaptation(List.of(origin.profile(changedAt(payload), JsonFields.text(payload, "name"), null,
				JsonFields.text(payload, "email"), JsonFields.text(payload, "phone_number"), attributes(payload, null))),
				List.of());
	}

	/**
	 * What a Chatwoot contact holds beyond name, email and phone: the plain values of its
	 * {@code additional_attributes} (city, country, company_name, description...) and of the
	 * {@code custom_attributes} an account defines (plan, ...), which win over the former; nested objects
	 * (social_profiles) are passed over. The conversation's {@code additional_attributes.browser_language} is the
	 * visitor's locale.
	 */
	static Map<String, String> attributes(JsonNode contact, JsonNode conversation) {
		List<FieldWarning> ignored = new ArrayList<>();
		Map<String, String> attributes = new LinkedHashMap<>(
				CaptureAttributes.of(JsonFields.object(contact, "additional_attributes"), "", "", ignored));
		attributes.putAll(CaptureAttributes.of(JsonFields.object(contact, "custom_attributes"), "", "", ignored));
		String language = JsonFields.text(JsonFields.object(conversation, "additional_attributes"), "browser_language");
		if (language != null) {
			attributes.putIfAbsent(CanonicalEvents.LOCALE, language.strip());
		}
		return attributes;
	}

	/** {@code changed_attributes: [{"updated_at": {"previous_value": ..., "current_value": ...}}, ...]}, else now. */
	private Instant changedAt(JsonNode payload) {
		List<JsonNode> changes = JsonFields.elements(payload, "changed_attributes", SOURCE + ": changed_attributes");
		for (JsonNode change : changes) {
			JsonNode updatedAt = JsonFields.object(change, "updated_at");
			Instant at = PayloadTimes.anyTime(updatedAt, "current_value",
					SOURCE + ": changed_attributes.updated_at.current_value");
			if (at != null) {
				return at;
			}
		}
		return clock.instant();
	}
}
