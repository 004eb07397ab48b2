package io.contactsync.dedup;

import java.text.Normalizer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

import io.contactsync.dedup.DedupRules.Comparison;
import io.contactsync.store.PhoneNumbers;

/**
 * Turns a stored contact into {@link ContactFeatures}: emails trimmed and lower-cased (Gmail's dots and
 * {@code +tags} dropped where the rules say so), phones in E.164 (a WhatsApp id is a phone number too), names
 * Unicode-normalised with diacritics and case folded, and the blocking keys of the rules.
 */
class ContactNormaliser {

	private static final Pattern MARKS = Pattern.compile("\\p{M}+");

	private static final Pattern NOT_LETTER_OR_DIGIT = Pattern.compile("[^\\p{L}\\p{Nd}]+");

	private static final Map<String, String> UNDECOMPOSABLE = Map.of("ø", "o", "ß", "ss", "æ", "ae", "œ", "oe", "ł",
			"l", "đ", "d", "þ", "th", "ı", "i");

	/** Already folded but for case: ASCII letters and digits in words one space apart. */
	private static final Pattern PLAIN = Pattern.compile(" *[A-Za-z0-9]+( [A-Za-z0-9]+)* *");

	private static final Pattern WA_ID = Pattern.compile("[1-9][0-9]{6,14}");

	private static final List<String> GMAIL_DOMAINS = List.of("gmail.com", "googlemail.com");

	private final DedupRules rules;

	private final PhoneNumbers phoneNumbers;

	private final List<String> attributeKeys;

	private final BlockingKeys blockingKeys;

	ContactNormaliser(DedupRules rules, PhoneNumbers phoneNumbers) {
		this.rules = rules;
		this.phoneNumbers = phoneNumbers;
		this.attributeKeys = attributeKeys(rules);
		this.blockingKeys = new BlockingKeys(rules);
	}

	/** The attribute keys the rules read: compared, blocked on, or the source of names. */
	static List<String> attributeKeys(DedupRules rules) {
		TreeSet<String> fields = new TreeSet<>();
		rules.comparisons().stream().map(Comparison::field).forEach(fields::add);
		rules.blocking().forEach(key -> key.parts().forEach(part -> fields.add(part.field())));
		if (rules.names().given() != null) {
			fields.add(rules.names().given());
			fields.add(rules.names().family());
		}
		return fields.stream().filter(field -> field.startsWith("attributes."))
			.map(field -> field.substring("attributes.".length())).toList();
	}

	ContactFeatures normalise(StoredContact contact) {
		Map<String, String> attributes = new LinkedHashMap<>();
		for (String key : attributeKeys) {
			String value = fold(contact.attributes().get(key));
			if (value != null) {
				attributes.put(key, value);
			}
		}
		String given;
		String family;
		if (rules.names().given() == null) {
			List<String> tokens = tokens(contact.name());
			given = tokens.isEmpty() ? null : tokens.get(0);
			family = tokens.size() < 2 ? null : tokens.get(tokens.size() - 1);
		}
		else {
			given = attributes.get(rules.names().given().substring("attributes.".length()));
			family = attributes.get(rules.names().family().substring("attributes.".length()));
		}
		ContactFeatures features = new ContactFeatures(contact.id(), contact.createdAt(), contact.lastActivityAt(),
				email(contact.email()), phones(contact), identities(contact), given, family, attributes, List.of());
		return features.withKeys(blockingKeys.of(features));
	}

	/**
	 * Trimmed, lower-cased and {@link EmailRepair repaired} (the reader gives the address capture could not read,
	 * {@code attributes.email_as_given}, when there is no other); Gmail addresses without dots and {@code +tag} when
	 * the rules ask for it.
	 */
	String email(String email) {
		String normalised = EmailRepair.repair(email);
		if (normalised == null) {
			return null;
		}
		int at = normalised.lastIndexOf('@');
		if (rules.gmailDots() && at > 0 && GMAIL_DOMAINS.contains(normalised.substring(at + 1))) {
			String local = normalised.substring(0, at);
			int plus = local.indexOf('+');
			local = (plus >= 0 ? local.substring(0, plus) : local).replace(".", "");
			normalised = local + "@gmail.com";
		}
		return normalised;
	}

	/**
	 * For comparison only: other scripts in {@link LatinLetters Latin letters}, decomposed (NFKD), accents and
	 * other marks dropped, a few letters that do not decompose spelled out, lower-cased, and anything but letters
	 * and digits made a single space.
	 */
	static String fold(String text) {
		if (text == null) {
			return null;
		}
		if (PLAIN.matcher(text).matches()) {
			String folded = text.strip().toLowerCase(Locale.ROOT);
			return folded.isEmpty() ? null : folded;
		}
		String latin = LatinLetters.needed(text) ? LatinLetters.toLatin(text) : text;
		String folded = MARKS.matcher(Normalizer.normalize(latin, Normalizer.Form.NFKD)).replaceAll("")
			.toLowerCase(Locale.ROOT);
		for (Map.Entry<String, String> letter : UNDECOMPOSABLE.entrySet()) {
			if (folded.contains(letter.getKey())) {
				folded = folded.replace(letter.getKey(), letter.getValue());
			}
		}
		folded = NOT_LETTER_OR_DIGIT.matcher(folded).replaceAll(" ").strip();
		return folded.isEmpty() ? null : folded;
	}

	static List<String> tokens(String name) {
		String folded = fold(name);
		return folded == null ? List.of() : List.of(folded.split(" "));
	}

	/**
	 * The stored E.164 form (written by libphonenumber when the phone was stored), or the phone parsed now when
	 * there is none; a WhatsApp id is the number's digits.
	 */
	private List<String> phones(StoredContact contact) {
		TreeSet<String> phones = new TreeSet<>();
		if (contact.phoneE164() != null) {
			phones.add(contact.phoneE164());
		}
		else {
			phoneNumbers.toE164(contact.phone()).ifPresent(phones::add);
		}
		for (String identity : contact.identities()) {
			String digits = identity.startsWith("whatsapp:") ? identity.substring("whatsapp:".length()) : "";
			if (WA_ID.matcher(digits).matches()) {
				phones.add("+" + digits);
			}
		}
		return List.copyOf(phones);
	}

	/** External ids of the channels other than WhatsApp (whose ids are phone numbers, compared as phones). */
	private static List<String> identities(StoredContact contact) {
		return contact.identities().stream().filter(identity -> !identity.startsWith("whatsapp:"))
			.map(identity -> identity.substring(identity.indexOf(':') + 1)).sorted().distinct().toList();
	}
}
