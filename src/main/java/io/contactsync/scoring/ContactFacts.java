package io.contactsync.scoring;

import java.time.Instant;
import java.util.List;

/**
 * What lead-scoring knows of a contact, gathered set-based in one query, with what the last run stored.
 *
 * @param lastActivityAt the contact's last activity, or its last conversation's last message; null if none
 * @param intents        the intents its visitor messages showed, as bits in the rules' order
 * @param archived       archived by hand or by retention ({@code archived_at} set)
 * @param inCrm          pushed successfully to at least one CRM
 * @param stored         the score as it stands in the store; null when the contact was never scored
 */
record ContactFacts(long id, Instant createdAt, Instant lastActivityAt, int conversations, int intents,
		boolean hasEmail, boolean hasPhone, boolean optedOut, boolean archived, boolean inCrm, Stored stored) {

	/** @param rules the fired rules as the JSON lead-scoring wrote */
	record Stored(Integer score, String temperature, String status, String statusReason, String rules,
			List<String> intents, int conversations) {
	}
}
