package io.contactsync.store;

import java.util.Arrays;
import java.util.Optional;

/** Where a contact stands in the sales funnel; the column holds {@link #code()}. */
public enum LeadStatus {

	NEW, ACTIVE, FOLLOW_UP, ARCHIVED;

	public String code() {
		return name().toLowerCase();
	}

	public static Optional<LeadStatus> fromCode(String code) {
		return Arrays.stream(values()).filter(status -> status.code().equalsIgnoreCase(code)).findFirst();
	}

	public static String codes() {
		return String.join(", ", Arrays.stream(values()).map(LeadStatus::code).toList());
	}
}
