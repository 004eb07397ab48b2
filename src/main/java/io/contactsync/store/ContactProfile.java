package io.contactsync.store;

import java.time.Instant;
import java.util.List;

/** Everything the profile page shows of a contact. {@code createdAt} is the first contact. */
public record ContactProfile(long id, String name, String email, String phone, String phoneE164, String channel,
		String channelLabel, Instant createdAt, Instant lastActivityAt, String leadStatus, String leadTemperature,
		Integer leadScore, String notes, List<String> tags, Boolean marketingConsent, Instant optedOutAt,
		List<Identity> identities, Instant updatedAt, int version) {

	ContactProfile withIdentities(List<Identity> identities) {
		return new ContactProfile(id, name, email, phone, phoneE164, channel, channelLabel, createdAt, lastActivityAt,
				leadStatus, leadTemperature, leadScore, notes, tags, marketingConsent, optedOutAt, identities,
				updatedAt, version);
	}
}
