package io.contactsync.demo;

import java.time.Instant;
import java.util.List;

/** A made-up visitor with the conversations they had, ready to be written. */
record GeneratedContact(String name, String email, String phone, String phoneE164, String channel,
		String externalId, Instant createdAt, Instant lastActivityAt, String leadStatus, String leadTemperature,
		List<GeneratedConversation> conversations) {

	record GeneratedConversation(String externalId, String bot, Instant startedAt, Instant lastMessageAt,
			Instant closedAt, Integer firstResponseSeconds, List<GeneratedMessage> messages) {
	}

	record GeneratedMessage(String externalId, String sender, String text, Instant sentAt) {
	}
}
