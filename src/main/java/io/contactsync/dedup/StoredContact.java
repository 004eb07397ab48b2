package io.contactsync.dedup;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A live contact as stored, with its identities as {@code channel:external_id}. */
record StoredContact(long id, String name, String email, String phone, String phoneE164, Instant createdAt,
		Instant lastActivityAt, Map<String, String> attributes, List<String> identities) {
}
