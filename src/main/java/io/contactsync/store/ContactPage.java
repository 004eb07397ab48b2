package io.contactsync.store;

import java.util.List;

/**
 * A page of the contact list. Counting a huge result would cost more than the page itself, so past
 * {@link ContactSearchSql#EXACT_COUNT_LIMIT} matches {@code total} is the planner's estimate and
 * {@code totalIsEstimate} says so.
 */
public record ContactPage(List<ContactSummary> contacts, long total, boolean totalIsEstimate, int page, int size) {

	ContactPage(List<ContactSummary> contacts, Total total, int page, int size) {
		this(contacts, total.value(), total.estimated(), page, size);
	}

	record Total(long value, boolean estimated) {

		static Total exact(long value) {
			return new Total(value, false);
		}

		static Total estimated(long value) {
			return new Total(value, true);
		}
	}
}
