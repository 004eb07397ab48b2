package io.contactsync.store;

import java.time.Instant;

/** One row of the contact list. */
public record ContactSummary(long id, String name, String email, String phone, String channel, Instant createdAt,
		Instant lastActivityAt, String leadStatus, String leadTemperature) {
}
