package io.contactsync.store;

import java.time.Instant;
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
}
