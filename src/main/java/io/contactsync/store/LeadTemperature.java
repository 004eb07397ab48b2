package io.contactsync.store;

import java.util.Arrays;
import java.util.Optional;

/** How likely a contact is to buy, from its lead score; the column holds {@link #code()}. */
public enum LeadTemperature {

	HOT, WARM, COLD;

	public String code() {
		return name().toLowerCase();
	}

	public static Optional<LeadTemperature> fromCode(String code) {
		return Arrays.stream(values()).filter(temperature -> temperature.code().equalsIgnoreCase(code)).findFirst();
	}

	public static String codes() {
		return String.join(", ", Arrays.stream(values()).map(LeadTemperature::code).toList());
	}
}
