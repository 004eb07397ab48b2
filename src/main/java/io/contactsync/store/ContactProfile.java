package io.contactsync.store;

import java.time.Instant;
import java.util.List;

/**
 * Everything the profile page shows of a contact. {@code createdAt} is the first contact. Marketing consent is
 * true (given at {@code consentAt}), false (opted out at {@code optedOutAt}) or null (never said);
 * {@code erasureDueAt} is set while an erasure request waits.
 */
public record ContactProfile(long id, String name, String email, String phone, String phoneE164, String channel,
		String channelLabel, Instant createdAt, Instant lastActivityAt, String leadStatus, String leadTemperature,
		Integer leadScore, String notes, List<String> tags, Boolean marketingConsent, Instant consentAt,
		String consentSource, Instant optedOutAt, String optOutSource, Instant archivedAt, Instant erasureDueAt,
		List<Identity> identities, Instant updatedAt, int version) {

	ContactProfile withIdentities(List<Identity> identities) {
		return new ContactProfile(id, name, email, phone, phoneE164, channel, channelLabel, createdAt, lastActivityAt,
				leadStatus, leadTemperature, leadScore, notes, tags, marketingConsent, consentAt, consentSource,
				optedOutAt, optOutSource, archivedAt, erasureDueAt, identities, updatedAt, version);
	}
}
