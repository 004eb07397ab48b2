package io.contactsync.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything the profile page shows of a contact. {@code createdAt} is the first contact. Marketing consent is
 * true (given at {@code consentAt}), false (opted out at {@code optedOutAt}) or null (never said);
 * {@code erasureDueAt} is set while an erasure request waits. {@code attributes} are what channels, forms and people
 * added beyond name, email and phone, by key in key order; {@code <field>_as_given} keys hold a value a capture gave
 * that could not be used (a malformed email, say), for a person to fix.
 */
public record ContactProfile(long id, String name, String email, String phone, String phoneE164, String channel,
		String channelLabel, Instant createdAt, Instant lastActivityAt, String leadStatus, String leadTemperature,
		Integer leadScore, String notes, List<String> tags, Map<String, String> attributes, Boolean marketingConsent, Instant consentAt,
		String consentSource, Instant optedOutAt, String optOutSource, Instant archivedAt, Instant erasureDueAt,
		List<Identity> identities, Instant updatedAt, int version) {

	ContactProfile withIdentities(List<Identity> identities) {
		return new ContactProfile(id, name, email, phone, phoneE164, channel, channelLabel, createdAt, lastActivityAt,
				leadStatus, leadTemperature, leadScore, notes, tags, attributes, marketingConsent, consentAt, consentSource,
				optedOutAt, optOutSource, archivedAt, erasureDueAt, identities, updatedAt, version);
	}
}
