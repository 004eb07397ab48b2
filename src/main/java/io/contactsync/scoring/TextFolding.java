package io.contactsync.scoring;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Text as intent phrases are compared: lower case, accents and other marks removed ("Démo" → "demo",
 * "Vorführung" → "vorfuhrung", "й" → "и"), cut into words at anything that is not a letter or a digit.
 * Phrases and messages go through the same folding, so a phrase list can be written with or without accents.
 */
final class TextFolding {

	private static final Pattern MARKS = Pattern.compile("\\p{M}+");

	private TextFolding() {
	}

	static List<String> words(String text) {
		String folded = fold(text);
		List<String> words = new ArrayList<>();
		int start = -1;
		for (int i = 0; i <= folded.length(); i++) {
			boolean inWord = i < folded.length() && Character.isLetterOrDigit(folded.charAt(i));
			if (inWord && start < 0) {
				start = i;
			}
			else if (!inWord && start >= 0) {
				words.add(folded.substring(start, i));
				start = -1;
			}
		}
		return words;
	}

	static String fold(String text) {
		String lower = text.toLowerCase(Locale.ROOT);
		if (isAscii(lower)) {
			return lower;
		}
		String bare = MARKS.matcher(Normalizer.normalize(lower, Normalizer.Form.NFKD)).replaceAll("");
		// Letters that carry their stroke or ligature in the letter itself, so NFKD leaves them whole.
		return bare.replace("ß", "ss").replace("ø", "o").replace("æ", "ae").replace("œ", "oe").replace("ł", "l")
			.replace("đ", "d").replace("ı", "i");
	}

	private static boolean isAscii(String text) {
		for (int i = 0; i < text.length(); i++) {
			if (text.charAt(i) > 127) {
				return false;
			}
		}
		return true;
	}
}
