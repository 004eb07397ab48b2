package io.contactsync.capture;

import java.time.Instant;
import java.util.Map;

/**
 * The who and where that all events from one payload item share, so that each adapter says them once and builds its
 * events from here instead of filling fifteen positional fields.
 */
public record Origin(String channel, String bot, String visitor, String conversation) {

	public static final String VISITOR = "visitor";

	public static final String BOT = "bot";

	public static final String AGENT = "agent";

	public Origin withConversation(String conversation) {
		return new Origin(channel, bot, visitor, conversation);
	}

	public CaptureEvent message(Instant at, String id, String sender, String kind, String text) {
		return event(CaptureEventType.MESSAGE, at, id, sender, kind, text, null, null, null, null, null);
	}

	public CaptureEvent profile(Instant at, String name, String username, String email, String phone) {
		return event(CaptureEventType.PROFILE_SEEN, at, null, null, null, null, name, username, email, phone, null);
	}

	/** A profile with what else the channel says about the visitor, for contact.attributes. */
	public CaptureEvent profile(Instant at, String name, String username, String email, String phone,
			Map<String, String> attributes) {
		return event(CaptureEventType.PROFILE_SEEN, at, null, null, null, null, name, username, email, phone, null)
			.withAttributes(attributes);
	}

	public CaptureEvent emailCollected(Instant at, String id, String email) {
		return event(CaptureEventType.EMAIL_COLLECTED, at, id, null, null, null, null, null, email, null, null);
	}

	public CaptureEvent conversationStarted(Instant at) {
		return event(CaptureEventType.CONVERSATION_STARTED, at, null, null, null, null, null, null, null, null, null);
	}

	public CaptureEvent conversationClosed(Instant at) {
		return event(CaptureEventType.CONVERSATION_CLOSED, at, null, null, null, null, null, null, null, null, null);
	}

	public CaptureEvent identityChanged(Instant at, String id, String newVisitor, String phone) {
		return event(CaptureEventType.IDENTITY_CHANGED, at, id, null, null, null, null, null, null, phone, newVisitor);
	}

	private CaptureEvent event(CaptureEventType type, Instant at, String id, String sender, String kind, String text,
			String name, String username, String email, String phone, String newVisitor) {
		return new CaptureEvent(type, channel, bot, visitor, conversation, at, id, sender, kind, text, name, username,
				email, phone, newVisitor);
	}
}
