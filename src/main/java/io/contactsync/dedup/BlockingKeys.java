package io.contactsync.dedup;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import io.contactsync.dedup.DedupRules.BlockingKey;
import io.contactsync.dedup.DedupRules.KeyPart;
import org.apache.commons.codec.language.DoubleMetaphone;

/**
 * A contact's blocking keys: one per blocking rule whose parts all have a value (one per phone for a phone key).
 * Values are keyed as they are most often mistyped alike: an email by its letters and digits only (a dropped
 * {@code @} or dot still meets the address), a given name by the full name its nickname stands for (Bill meets
 * William), a {@code :phonetic} part by its Double Metaphone code.
 */
final class BlockingKeys {

	/** Codes this long tell names apart well; longer ones only split a name's spellings. */
	private static final int PHONETIC_LENGTH = 6;

	private static final int MAX_CODES = 200_000;

	private final List<BlockingKey> blocking;

	private final Nicknames nicknames = Nicknames.builtIn();

	private final DoubleMetaphone metaphone = new DoubleMetaphone();

	/** Names repeat (a store's family names follow a long tail), and their codes cost more than a lookup. */
	private final Map<String, String> codes = new ConcurrentHashMap<>();

	BlockingKeys(DedupRules rules) {
		this.blocking = rules.blocking();
		metaphone.setMaxCodeLen(PHONETIC_LENGTH);
	}

	/** A key on names is also made with given and family swapped, so that "Smith John" meets "John Smith". */
	List<String> of(ContactFeatures features) {
		List<String> keys = new ArrayList<>();
		for (int k = 0; k < blocking.size(); k++) {
			BlockingKey key = blocking.get(k);
			keys.addAll(keys(k, key, features, false));
			if (key.usesNames()) {
				keys.addAll(keys(k, key, features, true));
			}
		}
		return keys.stream().distinct().toList();
	}

	private List<String> keys(int index, BlockingKey key, ContactFeatures features, boolean swapNames) {
		List<String> values = List.of(index + ":");
		for (KeyPart part : key.parts()) {
			String field = swapNames ? swapped(part.field()) : part.field();
			List<String> partValues = features.values(field);
			if (partValues.isEmpty()) {
				return List.of();
			}
			List<String> longer = new ArrayList<>();
			for (String prefix : values) {
				for (String value : partValues) {
					String cut = cut(part, keyed(field, value));
					if (cut.isEmpty()) {
						return List.of();
					}
					longer.add(prefix.endsWith(":") ? prefix + cut : prefix + "|" + cut);
				}
			}
			values = longer;
		}
		return values;
	}

	private String keyed(String field, String value) {
		return switch (field) {
			case "email" -> EmailRepair.compact(value);
			case "name.given" -> nicknames.canonical(value);
			default -> value;
		};
	}

	private String cut(KeyPart part, String value) {
		if (part.phonetic()) {
			String code = codes.get(value);
			if (code == null) {
				code = Objects.requireNonNullElse(metaphone.doubleMetaphone(value.replace(" ", "")), "");
				if (codes.size() < MAX_CODES) {
					codes.put(value, code);
				}
			}
			return code;
		}
		return part.prefix() > 0 && value.length() > part.prefix() ? value.substring(0, part.prefix()) : value;
	}

	private static String swapped(String field) {
		return switch (field) {
			case "name.given" -> "name.family";
			case "name.family" -> "name.given";
			default -> field;
		};
	}
}
