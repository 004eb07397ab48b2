package io.contactsync.store;

import java.util.List;

/**
 * A page of the contact list. Past {@link ContactSearchSql#EXACT_COUNT_LIMIT} matches, counting them all
 * would cost more than the page itself, so {@code total} is the planner's estimate and
 * {@code totalIsEstimate} says so.
 */
public record ContactPage(List<ContactSummary> contacts, long total, boolean totalIsEstimate, int page, int size) {
}
