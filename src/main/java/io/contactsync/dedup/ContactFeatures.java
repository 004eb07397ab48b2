package io.contactsync.dedup;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One contact as the match rules see it: every value normalised, absent values null or empty, and the
 * blocking keys that put it next to the contacts it should be compared with.
 */
record ContactFeatures(long contactId, Instant createdAt, Instant lastActivityAt, String email, List<String> phones,
		List<String> identities, String given, String family, Map<String, String> attributes, List<String> keys) {

	ContactFeatures withKeys(List<String> blockingKeys) {
		return new ContactFeatures(contactId, createdAt, lastActivityAt, email, phones, identities, given, family,
				attributes, blockingKeys);
	}

	/** A single-valued field's value, or null when the contact has none. */
	String value(String field) {
		return switch (field) {
			case "email" -> email;
			case "email.local" -> email == null || email.lastIndexOf('@') < 1 ? null
					: email.substring(0, email.lastIndexOf('@'));
			case "name.given" -> given;
			case "name.family" -> family;
			default -> field.startsWith("attributes.") ? attributes.get(field.substring("attributes.".length()))
					: null;
		};
	}

	/** A multi-valued field's values: phones and channel identities. */
	List<String> values(String field) {
		return switch (field) {
			case "phone" -> phones;
			case "identity" -> identities;
			default -> {
				String value = value(field);
				yield value == null ? List.of() : List.of(value);
			}
		};
	}

	static boolean isMultiValued(String field) {
		return field.equals("phone") || field.equals("identity");
	}
}
