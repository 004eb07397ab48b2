package io.contactsync.demo;

import java.time.Instant;
import java.util.Map;

/** One contact of a labelled sample; {@code person} is the truth the evaluation scores against. */
record SampleRecord(String person, String name, String email, String phone, String channel, String externalId,
		Instant createdAt, Map<String, String> attributes) {
}
