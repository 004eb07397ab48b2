package io.contactsync.demo;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The corruptions of the GeCo generator (Christen and Vatsalan, "Flexible and extensible generation and
 * corruption of personal data", CIKM 2013), the model FEBRL's data sets follow: keyboard typos (a key's
 * neighbour on a QWERTY keyboard), OCR confusions, phonetic misspellings, and the plain edits (insert, delete,
 * substitute, swap neighbours). Each takes the random generator of the record it corrupts, so a seed makes the
 * same corruptions.
 */
final class Corruptions {

	private static final Map<Character, String> QWERTY_NEIGHBOURS = neighbours();

	/** What OCR reads one way and the other. */
	private static final List<String[]> OCR = List.of(new String[] { "m", "rn" }, new String[] { "l", "1" },
			new String[] { "o", "0" }, new String[] { "d", "cl" }, new String[] { "w", "vv" }, new String[] { "s", "5" },
			new String[] { "b", "6" }, new String[] { "g", "9" }, new String[] { "i", "l" });

	/** Spellings that sound alike, both ways round (a subset of GeCo's phonetic rules). */
	private static final List<String[]> PHONETIC = List.of(new String[] { "ph", "f" }, new String[] { "ck", "k" },
			new String[] { "ie", "y" }, new String[] { "ou", "u" }, new String[] { "th", "t" },
			new String[] { "ee", "ea" }, new String[] { "c", "k" }, new String[] { "z", "s" }, new String[] { "ll", "l" },
			new String[] { "ey", "ay" }, new String[] { "sch", "sh" }, new String[] { "x", "ks" },
			new String[] { "v", "w" }, new String[] { "oe", "o" });

	private Corruptions() {
	}

	/** One of the character-level corruptions, chosen at random; words under three letters stay as they are. */
	static String anyTypo(String word, SplittableRandom random) {
		if (word == null || word.length() < 3) {
			return word;
		}
		return switch (random.nextInt(6)) {
			case 0 -> keyboard(word, random);
			case 1 -> ocr(word, random);
			case 2 -> phonetic(word, random);
			case 3 -> delete(word, random);
			case 4 -> insert(word, random);
			default -> transpose(word, random);
		};
	}

	static String keyboard(String word, SplittableRandom random) {
		int at = random.nextInt(word.length());
		String near = QWERTY_NEIGHBOURS.get(Character.toLowerCase(word.charAt(at)));
		if (near == null) {
			return word;
		}
		char typed = near.charAt(random.nextInt(near.length()));
		return word.substring(0, at) + (Character.isUpperCase(word.charAt(at)) ? Character.toUpperCase(typed) : typed)
				+ word.substring(at + 1);
	}

	static String ocr(String word, SplittableRandom random) {
		return replaceOne(word, OCR, random);
	}

	static String phonetic(String word, SplittableRandom random) {
		return replaceOne(word, PHONETIC, random);
	}

	static String delete(String word, SplittableRandom random) {
		int at = 1 + random.nextInt(word.length() - 1);
		return word.substring(0, at) + word.substring(at + 1);
	}

	static String insert(String word, SplittableRandom random) {
		int at = 1 + random.nextInt(word.length() - 1);
		char letter = Character.isLetter(word.charAt(at)) ? word.charAt(at) : 'e';
		return word.substring(0, at) + letter + word.substring(at);
	}

	static String transpose(String word, SplittableRandom random) {
		int at = 1 + random.nextInt(word.length() - 2);
		return word.substring(0, at) + word.charAt(at + 1) + word.charAt(at) + word.substring(at + 2);
	}

	/** A digit of a number changed, or two neighbouring digits swapped. */
	static String digit(String digits, SplittableRandom random) {
		int at = 1 + random.nextInt(digits.length() - 2);
		if (random.nextBoolean()) {
			return digits.substring(0, at) + digits.charAt(at + 1) + digits.charAt(at) + digits.substring(at + 2);
		}
		char other = (char) ('0' + (digits.charAt(at) - '0' + 1 + random.nextInt(9)) % 10);
		return digits.substring(0, at) + other + digits.substring(at + 1);
	}

	private static String replaceOne(String word, List<String[]> pairs, SplittableRandom random) {
		String lower = word.toLowerCase(Locale.ROOT);
		int start = random.nextInt(pairs.size());
		for (int i = 0; i < pairs.size(); i++) {
			String[] pair = pairs.get((start + i) % pairs.size());
			boolean forward = random.nextBoolean();
			String from = forward ? pair[0] : pair[1];
			String to = forward ? pair[1] : pair[0];
			int at = lower.indexOf(from, 1);
			if (at > 0) {
				return word.substring(0, at) + to + word.substring(at + from.length());
			}
		}
		return transpose(word, random);
	}

	private static Map<Character, String> neighbours() {
		String[] rows = { "qwertyuiop", "asdfghjkl", "zxcvbnm" };
		Map<Character, String> near = new HashMap<>();
		for (int r = 0; r < rows.length; r++) {
			for (int c = 0; c < rows[r].length(); c++) {
				StringBuilder keys = new StringBuilder();
				for (int dr = -1; dr <= 1; dr++) {
					int row = r + dr;
					if (row < 0 || row >= rows.length) {
						continue;
					}
					for (int dc = -1; dc <= 1; dc++) {
						int col = c + dc;
						if ((dr != 0 || dc != 0) && col >= 0 && col < rows[row].length()) {
							keys.append(rows[row].charAt(col));
						}
					}
				}
				near.put(rows[r].charAt(c), keys.toString());
			}
		}
		return Map.copyOf(near);
	}
}
