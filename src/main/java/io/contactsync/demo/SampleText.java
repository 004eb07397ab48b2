package io.contactsync.demo;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/** What the labelled dedup samples write alike: phones as people write them, names as address parts, choices. */
final class SampleText {

	private SampleText() {
	}

	/** A US number ({@code 1} and ten digits) written one of the five ways people write it. */
	static String usPhone(String digits, SplittableRandom random) {
		String area = digits.substring(1, 4);
		String exchange = digits.substring(4, 7);
		String line = digits.substring(7);
		return switch (random.nextInt(5)) {
			case 0 -> "+1 (" + area + ") " + exchange + "-" + line;
			case 1 -> area + "-" + exchange + "-" + line;
			case 2 -> "(" + area + ") " + exchange + line;
			case 3 -> "+" + digits;
			default -> "1 " + area + " " + exchange + " " + line;
		};
	}

	/** Letters only, without accents and lower-cased, as a name goes into an email address. */
	static String ascii(String name) {
		return Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("[^A-Za-z]", "").toLowerCase(Locale.ROOT);
	}

	static <T> T any(SplittableRandom random, List<T> values) {
		return values.get(random.nextInt(values.size()));
	}

	/** How many people make about {@code records} records when {@code duplicatePercent} of them are duplicates. */
	static long people(long records, int duplicatePercent) {
		return Math.max(1, Math.round(records * (100.0 - duplicatePercent) / 100.0));
	}
}
