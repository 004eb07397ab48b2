package io.contactsync.capture.channel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.contactsync.capture.Adaptation;
import io.contactsync.capture.CaptureEvent;
import io.contactsync.capture.JsonFields;
import io.contactsync.capture.Origin;
import io.contactsync.capture.Skipped;
import tools.jackson.databind.JsonNode;

/**
 * Chatwoot {@code conversation_created}, {@code conversation_status_changed} and {@code conversation_updated}, whose
 * payload is the conversation itself.
 * <ul>
 * <li>created: CONVERSATION_STARTED at {@code created_at}.</li>
 * <li>status changed: {@code resolved} closes the conversation; {@code open} and {@code pending} (a bot is
 * answering) start it, which also reopens a resolved one; {@code snoozed} changes nothing for the store and is counted
 * as unknown. The time is {@code updated_at}, the moment of the change, where the payload has it, else
 * {@code timestamp} (last activity).</li>
 * <li>updated (assignee, labels, ...): nothing about the conversation itself.</li>
 * <li>{@code conversation_opened} and {@code conversation_resolved}, which older Chatwoot versions send instead of
 * the status change, start and close it the same way.</li>
 * </ul>
 * All three also carry the contact's current profile (PROFILE_SEEN) and any email the visitor submitted to an email
 * prompt (EMAIL_COLLECTED).
 */
final class ChatwootConversations {

	private static final String SOURCE = ChatwootAdapter.SOURCE;

	private ChatwootConversations() {
	}

	static Adaptation adapt(JsonNode payload, String event, String channelOverride) {
		ChatwootConversation conversation = new ChatwootConversation(payload, SOURCE + ": ");
		Origin origin = conversation.origin(channelOverride, null);
		Instant at = at(payload, event);
		List<CaptureEvent> events = new ArrayList<>(conversation.profile(origin, at));
		List<String> unknown = new ArrayList<>();
		if ("conversation_created".equals(event) || "conversation_opened".equals(event)) {
			events.add(origin.conversationStarted(at));
		}
		else if ("conversation_resolved".equals(event)) {
			events.add(origin.conversationClosed(at));
		}
		else if ("conversation_status_changed".equals(event)) {
			String status = JsonFields.requiredText(payload, "status", SOURCE + ": status");
			switch (status) {
				case "resolved" -> events.add(origin.conversationClosed(at));
				case "open", "pending" -> events.add(origin.conversationStarted(at));
				default -> unknown.add(Skipped.part(SOURCE, "conversation status", status));
			}
		}
		events.addAll(conversation.collectedEmails(origin, null));
		return new Adaptation(events, unknown);
	}

	private static Instant at(JsonNode payload, String event) {
		String first = "conversation_created".equals(event) ? "created_at" : "updated_at";
		Instant at = PayloadTimes.anyTime(payload, first, SOURCE + ": " + first);
		return at != null ? at : PayloadTimes.requiredAnyTime(payload, "timestamp", SOURCE + ": timestamp");
	}
}
