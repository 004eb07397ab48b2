package io.contactsync.store;

import java.time.Instant;
import java.util.List;

/** One contact as exports write it. */
public record ContactExportRow(long id, String name, String email, String phone, String phoneE164, String channel,
		Instant createdAt, Instant lastActivityAt, String leadStatus, String leadTemperature, Integer leadScore,
		List<String> tags) {
}
