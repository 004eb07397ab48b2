package io.contactsync.scoring;

import java.time.Instant;

/**
 * What lead-scoring knows of a contact, gathered set-based in one query.
 *
 * @param lastActivityAt the contact's last activity, or its last conversation's last message; null if none
 * @param intents        the intents its visitor messages showed, as bits in the rules' order
 * @param archived       archived by hand or by retention ({@code archived_at} set)
 * @param inCrm          pushed successfully to at least one CRM
 */
record ContactFacts(long id, Instant createdAt, Instant lastActivityAt, int conversations, int intents,
		boolean hasEmail, boolean hasPhone, boolean optedOut, boolean archived, boolean inCrm) {
}
