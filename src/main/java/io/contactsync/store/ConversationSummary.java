package io.contactsync.store;

import java.time.Instant;

/**
 * One line of a contact's conversation log. {@code durationSeconds} runs from the start to the close,
 * or to the last message while the conversation is open.
 */
public record ConversationSummary(long id, String channel, String bot, Instant startedAt, Instant lastMessageAt,
		Instant closedAt, Long durationSeconds, int messageCount, String status) {
}
