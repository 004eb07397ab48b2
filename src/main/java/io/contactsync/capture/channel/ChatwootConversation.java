package io.contactsync.capture.channel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.contactsync.capture.CaptureEvent;
import io.contactsync.capture.JsonFields;
import io.contactsync.capture.Origin;
import io.contactsync.store.Channel;
import tools.jackson.databind.JsonNode;

/**
 * What a Chatwoot conversation object says about the visitor, by the rules in {@link ChatwootAdapter}: who and where
 * (visitor, channel, inbox, conversation), the contact's current profile ({@code meta.sender}) and the emails the
 * visitor submitted to the widget's email prompt ({@code messages[]} of content type {@code input_email}).
 */
final class ChatwootConversation {

	static final String WEB_WIDGET = "Channel::WebWidget";

	private final JsonNode conversation;

	private final String path;

	/**
	 * @param path how errors name the conversation object, with its trailing separator: "chatwoot: " when the
	 *             payload is the conversation, "chatwoot: conversation." when it is nested
	 */
	ChatwootConversation(JsonNode conversation, String path) {
		this.conversation = conversation;
		this.path = path;
	}

	/** @param inboxId the inbox the payload names elsewhere, used when the conversation does not */
	Origin origin(String channelOverride, String inboxId) {
		String channel = channelOverride != null ? channelOverride
				: WEB_WIDGET.equals(JsonFields.text(conversation, "channel")) ? Channel.FRAME.code()
						: Channel.LIVECHAT.code();
		String inbox = JsonFields.id(conversation, "inbox_id");
		inbox = inbox != null ? inbox : inboxId;
		if (inbox == null) {
			throw JsonFields.missing(path + "inbox_id");
		}
		String id = JsonFields.requiredId(conversation, "id", path + "id");
		return new Origin(channel, inbox, visitor(), "cw:" + inbox + ":" + id);
	}

	/**
	 * The contact's name, email, phone and attributes as Chatwoot holds them now; empty when the payload has no
	 * sender.
	 */
	List<CaptureEvent> profile(Origin origin, Instant at) {
		JsonNode sender = JsonFields.object(JsonFields.object(conversation, "meta"), "sender");
		if (sender == null) {
			return List.of();
		}
		return List.of(origin.profile(at, JsonFields.text(sender, "name"), null, JsonFields.text(sender, "email"),
				JsonFields.text(sender, "phone_number"), ChatwootContacts.attributes(sender, conversation)));
	}

	/** EMAIL_COLLECTED for each submitted email prompt among the conversation's messages, except the one named. */
	List<CaptureEvent> collectedEmails(Origin origin, String exceptMessageId) {
		List<CaptureEvent> emails = new ArrayList<>();
		List<JsonNode> messages = JsonFields.elements(conversation, "messages", path + "messages");
		for (int m = 0; m < messages.size(); m++) {
			JsonNode message = messages.get(m);
			String id = JsonFields.id(message, "id");
			if (id != null && !id.equals(exceptMessageId)) {
				String email = submittedEmail(message);
				if (email != null) {
					String at = path + "messages[" + m + "].";
					// the prompt is answered when the message is updated, not when it was shown
					Instant submitted = PayloadTimes.anyTime(message, "updated_at", at + "updated_at");
					emails.add(origin.emailCollected(
							submitted != null ? submitted : PayloadTimes.requiredAnyTime(message, "created_at",
									at + "created_at"), id, email));
				}
			}
		}
		return emails;
	}

	/** The email a visitor typed into an email prompt message, or null. */
	static String submittedEmail(JsonNode message) {
		return "input_email".equals(JsonFields.text(message, "content_type"))
				? JsonFields.text(JsonFields.object(message, "content_attributes"), "submitted_email") : null;
	}

	private String visitor() {
		String contactId = JsonFields.id(JsonFields.object(conversation, "contact_inbox"), "contact_id");
		if (contactId == null) {
			contactId = JsonFields.id(JsonFields.object(JsonFields.object(conversation, "meta"), "sender"), "id");
		}
		if (contactId == null) {
			throw JsonFields.missing(path + "contact_inbox.contact_id");
		}
		return "contact:" + contactId;
	}
}
