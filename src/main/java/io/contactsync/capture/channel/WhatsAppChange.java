package io.contactsync.capture.channel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.contactsync.capture.Adaptation;
import io.contactsync.capture.CaptureEvent;
import io.contactsync.capture.JsonFields;
import io.contactsync.capture.Origin;
import io.contactsync.capture.Skipped;
import io.contactsync.store.Channel;
import tools.jackson.databind.JsonNode;

/**
 * One {@code messages} change of a WhatsApp webhook: its {@code contacts}, {@code messages} and {@code statuses}.
 * <ul>
 * <li>Visitor = the sender's {@code wa_id} ({@code messages[].from}). When WhatsApp withholds the number of a user
 * who adopted a username, the business-scoped user id ({@code from_user_id}) stands in. The BSUID that comes next to
 * a wa_id ({@code contacts[].user_id}) is not carried: the canonical event has no slot for a second id.</li>
 * <li>WhatsApp has no conversation id per message, so the conversation is derived as
 * {@code "wa:" + metadata.phone_number_id + ":" + visitor}: one conversation per business number and visitor.
 * {@code bot} is that phone_number_id.</li>
 * <li>Before a visitor's first message comes a PROFILE_SEEN with {@code contacts[].profile.name},
 * {@code profile.username} and the phone "+" + wa_id: the wa_id is the visitor's own number.</li>
 * <li>Messages keep WhatsApp's type as kind. A {@code contacts} message shares other people's cards: it is a
 * message without text and gives the visitor no phone or name.</li>
 * <li>A {@code system} message of type {@code user_changed_number} becomes IDENTITY_CHANGED from {@code from} to
 * {@code system.wa_id} (older API versions: {@code system.new_wa_id}), per
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages/system.
 * Its {@code body} holds the user's name and numbers and is not read.</li>
 * <li>Delivery receipts ({@code statuses}), reactions and welcome requests are counted as unknown.</li>
 * </ul>
 */
final class WhatsAppChange {

	private static final String SOURCE = WhatsAppAdapter.SOURCE;

	private static final Set<String> NOT_MESSAGES = Set.of("reaction", "request_welcome");

	private final JsonNode value;

	private final String path;

	private final List<CaptureEvent> events = new ArrayList<>();

	private final List<String> unknown = new ArrayList<>();

	WhatsAppChange(JsonNode value, String path) {
		this.value = value;
		this.path = path;
	}

	Adaptation adapt() {
		String phoneNumberId = JsonFields.requiredId(JsonFields.requiredObject(value, "metadata", path + ".metadata"),
				"phone_number_id", path + ".metadata.phone_number_id");
		Map<String, JsonNode> contacts = contactsByVisitor();
		Set<String> profiled = new HashSet<>();
		List<JsonNode> messages = JsonFields.elements(value, "messages", path + ".messages");
		for (int m = 0; m < messages.size(); m++) {
			message(messages.get(m), path + ".messages[" + m + "]", phoneNumberId, contacts, profiled);
		}
		JsonFields.elements(value, "statuses", path + ".statuses").forEach(status -> unknown.add(SOURCE + ": statuses"));
		JsonFields.elements(value, "errors", path + ".errors").forEach(error -> unknown.add(SOURCE + ": errors"));
		if (events.isEmpty() && unknown.isEmpty()) {
			unknown.add(SOURCE + ": change without messages");
		}
		return new Adaptation(events, unknown);
	}

	private void message(JsonNode message, String at, String phoneNumberId, Map<String, JsonNode> contacts,
			Set<String> profiled) {
		String type = JsonFields.requiredText(message, "type", at + ".type");
		String visitor = JsonFields.id(message, "from");
		visitor = visitor != null ? visitor : JsonFields.id(message, "from_user_id");
		if (visitor == null) {
			throw JsonFields.missing(at + ".from");
		}
		String id = JsonFields.requiredId(message, "id", at + ".id");
		Instant time = PayloadTimes.epochSeconds(message, "timestamp", at + ".timestamp");
		Origin origin = new Origin(Channel.WHATSAPP.code(), phoneNumberId, visitor,
				"wa:" + phoneNumberId + ":" + visitor);
		if ("system".equals(type)) {
			system(message, at, origin.withConversation(null), time, id);
			return;
		}
		if (NOT_MESSAGES.contains(type)) {
			unknown.add(Skipped.part(SOURCE, type));
			return;
		}
		JsonNode contact = contacts.get(visitor);
		if (contact != null && profiled.add(visitor)) {
			JsonNode profile = JsonFields.object(contact, "profile");
			String waId = JsonFields.id(contact, "wa_id");
			events.add(origin.profile(time, JsonFields.text(profile, "name"), JsonFields.text(profile, "username"), null,
					waId == null ? null : "+" + waId));
		}
		events.add(origin.message(time, id, Origin.VISITOR, type, text(message, type)));
	}

	private void system(JsonNode message, String at, Origin origin, Instant time, String id) {
		JsonNode system = JsonFields.requiredObject(message, "system", at + ".system");
		String type = JsonFields.text(system, "type");
		if (!"user_changed_number".equals(type)) {
			unknown.add(Skipped.part(SOURCE, "system", type));
			return;
		}
		String newWaId = JsonFields.id(system, "wa_id");
		newWaId = newWaId != null ? newWaId : JsonFields.id(system, "new_wa_id");
		if (newWaId == null) {
			throw JsonFields.missing(at + ".system.wa_id");
		}
		events.add(origin.identityChanged(time, id, newWaId, "+" + newWaId));
	}

	/** The profile of each sender, found by the wa_id or, for a username-only user, the BSUID it sends from. */
	private Map<String, JsonNode> contactsByVisitor() {
		Map<String, JsonNode> contacts = new HashMap<>();
		for (JsonNode contact : JsonFields.elements(value, "contacts", path + ".contacts")) {
			String waId = JsonFields.id(contact, "wa_id");
			String userId = JsonFields.id(contact, "user_id");
			if (userId != null) {
				contacts.put(userId, contact);
			}
			if (waId != null) {
				contacts.put(waId, contact);
			}
		}
		return contacts;
	}

	/** The words the visitor wrote: the body of a text, the caption of media, the label of a button they pressed. */
	private static String text(JsonNode message, String type) {
		JsonNode content = JsonFields.object(message, type);
		return switch (type) {
			case "text" -> JsonFields.text(content, "body");
			case "image", "video", "document" -> JsonFields.text(content, "caption");
			case "button" -> JsonFields.text(content, "text");
			case "interactive" -> interactiveTitle(content);
			default -> null;
		};
	}

	private static String interactiveTitle(JsonNode interactive) {
		String button = JsonFields.text(JsonFields.object(interactive, "button_reply"), "title");
		return button != null ? button : JsonFields.text(JsonFields.object(interactive, "list_reply"), "title");
	}
}
