package io.contactsync.capture.channel;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.contactsync.capture.Adaptation;
import io.contactsync.capture.CaptureEvent;
import io.contactsync.capture.JsonFields;
import io.contactsync.capture.Origin;
import io.contactsync.capture.Skipped;
import io.contactsync.store.Channel;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Facebook Messenger Platform webhooks ({@code object} = {@code page}), and, when the caller names the channel,
 * Graph API user profiles ({@link MessengerProfile}).
 * <ul>
 * <li>A POST may hold several {@code entry} items, each with several {@code messaging} items; {@code standby} items
 * (messages seen while another app holds the thread) are read the same way so the history stays whole.</li>
 * <li>Visitor = the PSID: {@code sender.id} for what the user sent. An echo ({@code message.is_echo}) is what the
 * page sent: the visitor is then {@code recipient.id}, and the sender is an agent when it came from the Page Inbox
 * (app 263902037430900, the id the handover protocol documents for it) or from no app, else the bot.</li>
 * <li>The conversation is derived as {@code "fb:" + page id + ":" + PSID}; {@code bot} is the page id.</li>
 * <li>Kind = the first attachment's type (image, video, file, ...) or "text"; a {@code postback} (a button the user
 * pressed) is a message of kind "postback" with the button title as text and {@code postback.mid} as id.</li>
 * <li>{@code timestamp} is in milliseconds; a value too small to be milliseconds since 1973 is read as seconds,
 * because Meta's own examples write some timestamps in seconds.</li>
 * <li>Deliveries, reads, reactions, edits and handover notices are counted as unknown ("messenger: read").</li>
 * </ul>
 */
@Component
class MessengerAdapter implements ChannelAdapter {

	static final String SOURCE = "messenger";

	static final String PAGE_INBOX_APP_ID = "263902037430900";

	private static final BigDecimal SMALLEST_MILLIS = new BigDecimal("100000000000");

	private static final Set<String> ITEM_FIELDS = Set.of("sender", "recipient", "timestamp");

	private final MessengerProfile profiles;

	MessengerAdapter(Clock clock) {
		this.profiles = new MessengerProfile(clock);
	}

	@Override
	public Set<Channel> channels() {
		return Set.of(Channel.MESSENGER);
	}

	@Override
	public String shape() {
		return "a Messenger webhook (object page) or a Messenger user profile (id, first_name, last_name)";
	}

	@Override
	public boolean recognises(JsonNode payload) {
		return "page".equals(JsonFields.text(payload, "object"));
	}

	@Override
	public boolean accepts(JsonNode payload) {
		return recognises(payload) || profiles.recognises(payload);
	}

	@Override
	public Adaptation adapt(JsonNode payload, String channelOverride) {
		if (!recognises(payload)) {
			return profiles.adapt(payload);
		}
		List<CaptureEvent> events = new ArrayList<>();
		List<String> unknown = new ArrayList<>();
		List<JsonNode> entries = JsonFields.requiredElements(payload, "entry", SOURCE + ": entry");
		for (int e = 0; e < entries.size(); e++) {
			JsonNode entry = entries.get(e);
			String path = SOURCE + ": entry[" + e + "]";
			String pageId = JsonFields.requiredId(entry, "id", path + ".id");
			List<JsonNode> messaging = JsonFields.elements(entry, "messaging", path + ".messaging");
			List<JsonNode> standby = JsonFields.elements(entry, "standby", path + ".standby");
			if (messaging.isEmpty() && standby.isEmpty()) {
				unknown.add(SOURCE + ": entry without messaging");
			}
			for (int m = 0; m < messaging.size(); m++) {
				item(messaging.get(m), path + ".messaging[" + m + "]", pageId, events, unknown);
			}
			for (int s = 0; s < standby.size(); s++) {
				item(standby.get(s), path + ".standby[" + s + "]", pageId, events, unknown);
			}
		}
		return new Adaptation(events, unknown);
	}

	private void item(JsonNode item, String path, String pageId, List<CaptureEvent> events, List<String> unknown) {
		JsonNode message = JsonFields.object(item, "message");
		JsonNode postback = JsonFields.object(item, "postback");
		if (message == null && postback == null) {
			String kind = item.propertyNames().stream().filter(name -> !ITEM_FIELDS.contains(name)).findFirst()
				.orElse(null);
			unknown.add(kind == null ? SOURCE + ": empty messaging item" : Skipped.part(SOURCE, kind));
			return;
		}
		boolean echo = message != null && JsonFields.isTrue(message, "is_echo");
		String visitor = echo ? JsonFields.requiredId(JsonFields.requiredObject(item, "recipient", path + ".recipient"),
				"id", path + ".recipient.id") : sender(item, path);
		Instant at = timestamp(item, path + ".timestamp");
		Origin origin = new Origin(Channel.MESSENGER.code(), pageId, visitor, "fb:" + pageId + ":" + visitor);
		if (message != null) {
			String id = JsonFields.requiredText(message, "mid", path + ".message.mid");
			events.add(origin.message(at, id, echo ? echoSender(message) : Origin.VISITOR, kind(message, path),
					JsonFields.text(message, "text")));
		}
		else {
			String id = JsonFields.text(postback, "mid");
			// older postbacks carry no mid; the visitor presses one button at a time, so its time identifies it
			id = id != null ? id : "postback:" + at.toEpochMilli();
			events.add(origin.message(at, id, Origin.VISITOR, "postback", JsonFields.text(postback, "title")));
		}
	}

	/** The PSID, or for a guest of the chat plugin, who has none, the user_ref Messenger gives instead. */
	private static String sender(JsonNode item, String path) {
		JsonNode sender = JsonFields.requiredObject(item, "sender", path + ".sender");
		String psid = JsonFields.id(sender, "id");
		if (psid != null) {
			return psid;
		}
		String userRef = JsonFields.id(sender, "user_ref");
		if (userRef == null) {
			throw JsonFields.missing(path + ".sender.id");
		}
		return "user_ref:" + userRef;
	}

	private static String echoSender(JsonNode message) {
		String appId = JsonFields.id(message, "app_id");
		return appId == null || PAGE_INBOX_APP_ID.equals(appId) ? Origin.AGENT : Origin.BOT;
	}

	private static String kind(JsonNode message, String path) {
		List<JsonNode> attachments = JsonFields.elements(message, "attachments", path + ".message.attachments");
		String type = attachments.isEmpty() ? null : JsonFields.text(attachments.get(0), "type");
		return type != null ? type : "text";
	}

	private static Instant timestamp(JsonNode item, String path) {
		BigDecimal value = PayloadTimes.requiredNumber(item, "timestamp", path);
		return value.abs().compareTo(SMALLEST_MILLIS) < 0 ? PayloadTimes.epochSeconds(item, "timestamp", path)
				: PayloadTimes.epochMillis(item, "timestamp", path);
	}
}
