package io.contactsync.store;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a contact said about marketing: given, opted out, or nothing yet. A marketing export filters on it, e.g.
 * {@code consent=given} where the law asks for consent, {@code consent=given&consent=unknown} where an opt-out
 * suffices; either way opted-out contacts stay out.
 */
public enum MarketingConsent {

	GIVEN("marketing_consent is true"), OPTED_OUT("marketing_consent is false"), UNKNOWN("marketing_consent is null");

	private final String condition;

	MarketingConsent(String condition) {
		this.condition = condition;
	}

	public String code() {
		return name().toLowerCase();
	}

	/** The SQL condition on the contact table. */
	String condition() {
		return condition;
	}

	public static Optional<MarketingConsent> fromCode(String code) {
		return Arrays.stream(values()).filter(consent -> consent.code().equalsIgnoreCase(code)).findFirst();
	}

	public static String codes() {
		return String.join(", ", Arrays.stream(values()).map(MarketingConsent::code).toList());
	}
}
