package io.contactsync.capture.channel;

import java.time.Clock;
import java.util.Set;

import io.contactsync.capture.Adaptation;
import io.contactsync.capture.JsonFields;
import io.contactsync.capture.Skipped;
import io.contactsync.store.Channel;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Chatwoot webhooks (https://developers.chatwoot.com, "Webhook Events"), which carry the website widget
 * ({@code frame}) and live chat ({@code livechat}); recognised by their {@code event} field. Every event type reads
 * its visitor, channel and conversation by the same rules:
 * <ul>
 * <li>Visitor = {@code "contact:" + Chatwoot contact id}. It is the one id every event type carries:
 * {@code contact_created}/{@code contact_updated} send the contact alone, without the {@code contact_inbox} whose
 * {@code source_id} the message and conversation events also have.</li>
 * <li>Channel = {@code frame} for a conversation of a {@code Channel::WebWidget} inbox and for
 * {@code webwidget_triggered}, else {@code livechat}; contact events name no inbox and count as {@code livechat}.
 * A channel the caller gives wins.</li>
 * <li>Conversation = {@code "cw:" + inbox id + ":" + conversation id}: Chatwoot's conversation id is the number
 * agents see, counted per account, and conversation events do not name the account, but an inbox belongs to one
 * account. {@code bot} is the inbox id.</li>
 * </ul>
 * Other events (typing, inbox changes, ...) are counted as unknown.
 */
@Component
class ChatwootAdapter implements ChannelAdapter {

	static final String SOURCE = "chatwoot";

	private final ChatwootContacts contacts;

	ChatwootAdapter(Clock clock) {
		this.contacts = new ChatwootContacts(clock);
	}

	@Override
	public Set<Channel> channels() {
		return Set.of(Channel.FRAME, Channel.LIVECHAT);
	}

	@Override
	public String shape() {
		return "a Chatwoot webhook (with event)";
	}

	@Override
	public boolean recognises(JsonNode payload) {
		return JsonFields.text(payload, "event") != null;
	}

	@Override
	public Adaptation adapt(JsonNode payload, String channelOverride) {
		String event = JsonFields.requiredText(payload, "event", SOURCE + ": event");
		return switch (event) {
			case "message_created", "message_updated" -> ChatwootMessages.adapt(payload, channelOverride);
			case "conversation_created", "conversation_status_changed", "conversation_updated", "conversation_opened",
					"conversation_resolved" ->
				ChatwootConversations.adapt(payload, event, channelOverride);
			case "webwidget_triggered" -> contacts.widgetOpened(payload, channelOverride);
			case "contact_created", "contact_updated" -> contacts.contactChanged(payload, channelOverride);
			default -> Adaptation.skipped(Skipped.part(SOURCE, event));
		};
	}
}
