package io.contactsync.store;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;

/**
 * What the contact list asks for. Empty sets and nulls mean "no filter".
 *
 * @param createdFrom   first instant included
 * @param createdBefore first instant excluded
 * @param query         a piece of a name, email or phone number
 * @param consents      what the contacts said about marketing
 * @param page          1-based
 */
public record ContactSearch(Set<Channel> channels, Instant createdFrom, Instant createdBefore, String query,
		Set<LeadStatus> statuses, Set<LeadTemperature> temperatures, Set<MarketingConsent> consents, ContactSort sort,
		boolean ascending, int page, int size) {

	public long offset() {
		return (long) (page - 1) * size;
	}

	/**
	 * Whether a day can bound a search: Java reads years up to 999,999,999, PostgreSQL's timestamps end in 294276,
	 * and nobody's first contact is outside the years 1 to 9999.
	 */
	public static boolean isSearchableDay(LocalDate day) {
		return day.getYear() >= 1 && day.getYear() <= 9999;
	}
}
