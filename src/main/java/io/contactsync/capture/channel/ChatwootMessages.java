package io.contactsync.capture.channel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.contactsync.capture.Adaptation;
import io.contactsync.capture.CaptureEvent;
import io.contactsync.capture.JsonFields;
import io.contactsync.capture.Origin;
import io.contactsync.capture.Skipped;
import tools.jackson.databind.JsonNode;

/**
 * Chatwoot {@code message_created} and {@code message_updated}. An update is the same message again (same id), so
 * the store keeps one.
 * <ul>
 * <li>{@code message_type} (a name, or its number 0-3 in older payloads): incoming = the visitor; outgoing = an
 * agent when the sender is a {@code user}, else the bot (an {@code agent_bot}, or Chatwoot itself when there is no
 * sender); template = the bot (prompts Chatwoot shows, such as the email prompt); activity (status notes such as
 * "Conversation was resolved") is not a message and is counted as unknown, as are private notes.</li>
 * <li>Kind = the content type ({@code input_email}, {@code cards}, ...), or for plain text with attachments the
 * first attachment's file type.</li>
 * <li>An email prompt the visitor answered ({@code content_attributes.submitted_email}) also becomes
 * EMAIL_COLLECTED.</li>
 * </ul>
 * Each message also carries the contact's current profile, which becomes a PROFILE_SEEN.
 */
final class ChatwootMessages {

	private static final String SOURCE = ChatwootAdapter.SOURCE;

	private static final Map<String, String> TYPE_NUMBERS = Map.of("0", "incoming", "1", "outgoing", "2", "activity",
			"3", "template");

	private ChatwootMessages() {
	}

	static Adaptation adapt(JsonNode payload, String channelOverride) {
		String type = messageType(payload);
		if ("activity".equals(type)) {
			return Adaptation.skipped(SOURCE + ": activity message");
		}
		if (JsonFields.isTrue(payload, "private")) {
			return Adaptation.skipped(SOURCE + ": private note");
		}
		String sender = switch (type) {
			case "incoming" -> Origin.VISITOR;
			case "outgoing" -> "user".equals(JsonFields.text(JsonFields.object(payload, "sender"), "type"))
					? Origin.AGENT : Origin.BOT;
			case "template" -> Origin.BOT;
			default -> null;
		};
		if (sender == null) {
			return Adaptation.skipped(Skipped.part(SOURCE, "message_type", type));
		}
		ChatwootConversation conversation = new ChatwootConversation(
				JsonFields.requiredObject(payload, "conversation", SOURCE + ": conversation"), SOURCE + ": conversation.");
		Origin origin = conversation.origin(channelOverride, JsonFields.id(JsonFields.object(payload, "inbox"), "id"));
		String id = JsonFields.requiredId(payload, "id", SOURCE + ": id");
		Instant at = PayloadTimes.requiredAnyTime(payload, "created_at", SOURCE + ": created_at");

		List<CaptureEvent> events = new ArrayList<>(conversation.profile(origin, at));
		events.add(origin.message(at, id, sender, kind(payload), JsonFields.text(payload, "content")));
		String email = ChatwootConversation.submittedEmail(payload);
		if (email != null) {
			events.add(origin.emailCollected(at, id, email));
		}
		events.addAll(conversation.collectedEmails(origin, id));
		return new Adaptation(events, List.of());
	}

	private static String messageType(JsonNode payload) {
		String type = JsonFields.id(payload, "message_type");
		if (type == null) {
			throw JsonFields.missing(SOURCE + ": message_type");
		}
		return TYPE_NUMBERS.getOrDefault(type, type);
	}

	private static String kind(JsonNode payload) {
		String contentType = JsonFields.text(payload, "content_type");
		if (contentType != null && !"text".equals(contentType)) {
			return contentType;
		}
		List<JsonNode> attachments = JsonFields.elements(payload, "attachments", SOURCE + ": attachments");
		String fileType = attachments.isEmpty() ? null : JsonFields.text(attachments.get(0), "file_type");
		return fileType != null ? fileType : "text";
	}
}
