package io.contactsync.retention;

import java.time.Instant;

/**
 * A person's request to be forgotten, waiting for its grace period to end.
 *
 * @param dueAt the first instant a retention run purges the contact; until then the request can be cancelled
 */
public record ErasureRequest(long contactId, Instant requestedAt, String requestedBy, Instant dueAt) {
}
