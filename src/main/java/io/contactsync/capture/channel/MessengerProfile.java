package io.contactsync.capture.channel;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.contactsync.capture.Adaptation;
import io.contactsync.capture.CanonicalEvents;
import io.contactsync.capture.CaptureFormatException;
import io.contactsync.capture.JsonFields;
import io.contactsync.capture.Origin;
import io.contactsync.store.Channel;
import tools.jackson.databind.JsonNode;

/**
 * A Messenger user profile as the Graph API returns it ({@code GET /<PSID>?fields=first_name,last_name,profile_pic}):
 * {@code id}, {@code first_name}, {@code last_name}, sometimes {@code name}. Webhooks carry only the PSID, so this is
 * where a Messenger visitor's name comes from. It becomes a PROFILE_SEEN for that PSID, with the profile's
 * {@code locale} (e.g. "en_US", when the app may read it) as the attribute {@code locale}.
 * <p>
 * The response has no time. The caller who fetched it may add {@code fetched_at} (or {@code at}: ISO-8601 or unix
 * seconds); without either, the profile counts as seen now. The shape is only read when the caller names the
 * channel: an id next to a first name is too plain to tell apart from other payloads by itself.
 */
final class MessengerProfile {

	private static final String SOURCE = MessengerAdapter.SOURCE;

	private static final List<String> TIME_FIELDS = List.of("fetched_at", "at");

	private final Clock clock;

	MessengerProfile(Clock clock) {
		this.clock = clock;
	}

	boolean recognises(JsonNode payload) {
		return payload != null && payload.isObject() && !payload.has("object") && payload.has("id")
				&& (payload.has("first_name") || payload.has("last_name") || payload.has("name"));
	}

	Adaptation adapt(JsonNode profile) {
		if (!recognises(profile)) {
			throw new CaptureFormatException(SOURCE + ": neither a webhook (object page) nor a user profile "
					+ "(id with first_name, last_name or name)");
		}
		String psid = JsonFields.requiredId(profile, "id", SOURCE + ": id");
		String name = JsonFields.text(profile, "name");
		name = name != null ? name
				: PersonNames.full(JsonFields.text(profile, "first_name"), JsonFields.text(profile, "last_name"));
		Origin origin = new Origin(Channel.MESSENGER.code(), null, psid, null);
		String locale = JsonFields.text(profile, "locale");
		return new Adaptation(List.of(origin.profile(seenAt(profile), name, null, null, null,
				locale == null ? Map.of() : Map.of(CanonicalEvents.LOCALE, locale.strip()))), List.of());
	}

	private Instant seenAt(JsonNode profile) {
		for (String field : TIME_FIELDS) {
			Instant at = PayloadTimes.anyTime(profile, field, SOURCE + ": " + field);
			if (at != null) {
				return at;
			}
		}
		return clock.instant();
	}
}
