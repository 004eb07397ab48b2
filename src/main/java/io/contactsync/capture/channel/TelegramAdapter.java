package io.contactsync.capture.channel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.contactsync.capture.Adaptation;
import io.contactsync.capture.CanonicalEvents;
import io.contactsync.capture.CaptureEvent;
import io.contactsync.capture.JsonFields;
import io.contactsync.capture.Origin;
import io.contactsync.capture.Skipped;
import io.contactsync.store.Channel;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Telegram Bot API updates (https://core.telegram.org/bots/api#update), recognised by {@code update_id}.
 * <ul>
 * <li>Only {@code message} and {@code edited_message} in private chats are a visitor talking to the bot; every other
 * update kind ({@code callback_query}, {@code my_chat_member}, ...) and group or channel messages are skipped.</li>
 * <li>Visitor = {@code from.id}, conversation = {@code chat.id}, event id = {@code message_id} (unique within its
 * chat), time = {@code date}. The Update does not name the bot, so {@code bot} stays empty.</li>
 * <li>An edit is the same MESSAGE again, with the same id and original {@code date} and the new text: the store
 * keeps one message per id, so importing the original and the edit in any order, or twice, leaves one message.</li>
 * <li>Each message also yields a PROFILE_SEEN with the sender's name and username, and their
 * {@code language_code} as the attribute {@code locale}. A shared {@code contact} is the
 * visitor's own phone only when {@code contact.user_id} is the sender (Telegram sets it when the user shares their
 * own number); any other contact card is someone else's and stays a message of kind "contact" with no text, so a
 * third party's number is stored nowhere.</li>
 * <li>A message that is not text has the kind of its content (document, photo, sticker, ...) and its caption as
 * text.</li>
 * </ul>
 */
@Component
class TelegramAdapter implements ChannelAdapter {

	private static final String SOURCE = "telegram";

	private static final List<String> MESSAGE_UPDATES = List.of("message", "edited_message");

	// Telegram sets document next to animation and location next to venue, so the specific kind is looked for first
	private static final List<String> CONTENT_KINDS = List.of("text", "animation", "audio", "document", "paid_media",
			"photo", "sticker", "story", "video", "video_note", "voice", "checklist", "contact", "dice", "game", "poll",
			"venue", "location", "invoice");

	@Override
	public Set<Channel> channels() {
		return Set.of(Channel.TELEGRAM);
	}

	@Override
	public String shape() {
		return "a Telegram Bot API update (with update_id)";
	}

	@Override
	public boolean recognises(JsonNode payload) {
		return JsonFields.child(payload, "update_id") != null && payload.get("update_id").isIntegralNumber();
	}

	@Override
	public Adaptation adapt(JsonNode payload, String channelOverride) {
		for (String update : MESSAGE_UPDATES) {
			JsonNode message = JsonFields.child(payload, update);
			if (message != null) {
				String path = SOURCE + ": " + update;
				return fromMessage(JsonFields.requiredObject(payload, update, path), path);
			}
		}
		String kind = updateKind(payload);
		return Adaptation.skipped(kind == null ? SOURCE + ": empty update" : Skipped.part(SOURCE, kind));
	}

	private Adaptation fromMessage(JsonNode message, String path) {
		JsonNode chat = JsonFields.requiredObject(message, "chat", path + ".chat");
		String chatType = JsonFields.requiredText(chat, "type", path + ".chat.type");
		if (!"private".equals(chatType)) {
			return Adaptation.skipped(Skipped.part(SOURCE, "message in chat of type", chatType));
		}
		String kind = CONTENT_KINDS.stream().filter(message::has).findFirst().orElse(null);
		if (kind == null) {
			return Adaptation.skipped(SOURCE + ": service message");
		}
		JsonNode from = JsonFields.requiredObject(message, "from", path + ".from");
		String visitor = JsonFields.requiredId(from, "id", path + ".from.id");
		String id = JsonFields.requiredId(message, "message_id", path + ".message_id");
		Instant at = PayloadTimes.epochSeconds(message, "date", path + ".date");
		Origin origin = new Origin(Channel.TELEGRAM.code(), null, visitor,
				JsonFields.requiredId(chat, "id", path + ".chat.id"));

		List<CaptureEvent> events = new ArrayList<>(2);
		events.add(origin.profile(at, PersonNames.full(JsonFields.text(from, "first_name"),
				JsonFields.text(from, "last_name")), JsonFields.text(from, "username"), null, ownPhone(message, visitor),
				locale(from)));
		String text = JsonFields.text(message, "text".equals(kind) ? "text" : "caption");
		events.add(origin.message(at, id, Origin.VISITOR, kind, text));
		return new Adaptation(events, List.of());
	}

	/** The user's language as their Telegram client is set to (an IETF tag such as "ru"), when it says. */
	private static Map<String, String> locale(JsonNode from) {
		String language = JsonFields.text(from, "language_code");
		return language == null ? Map.of() : Map.of(CanonicalEvents.LOCALE, language.strip());
	}

	/** The shared contact's number when the visitor shared their own contact; null for anyone else's card. */
	private static String ownPhone(JsonNode message, String visitor) {
		JsonNode contact = JsonFields.object(message, "contact");
		return contact != null && visitor.equals(JsonFields.id(contact, "user_id"))
				? JsonFields.text(contact, "phone_number") : null;
	}

	/** The optional field an update carries besides its id, which tells what kind of update it is; null if none. */
	private static String updateKind(JsonNode payload) {
		return payload.propertyNames().stream().filter(name -> !"update_id".equals(name)).findFirst().orElse(null);
	}
}
