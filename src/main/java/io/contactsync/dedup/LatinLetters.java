package io.contactsync.dedup;

import com.ibm.icu.text.Transliterator;

/**
 * Names in Cyrillic, Greek or another script, read in Latin letters as people write them in English: Cyrillic by
 * the BGN/PCGN romanisation used on passports and maps ({@code Андрей Власов} → {@code Andrey Vlasov}), the
 * other scripts by ICU's general transliteration. ICU4J rather than a table of our own: its rules cover every
 * script a chat visitor may type.
 */
final class LatinLetters {

	private static final Transliterator TO_LATIN = Transliterator
		.getInstance("Russian-Latin/BGN; Any-Latin; Latin-ASCII");

	private LatinLetters() {
	}

	/** Whether the text has a letter of a script other than Latin. */
	static boolean needed(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c >= 0x250 && Character.isLetter(c)
					&& Character.UnicodeScript.of(c) != Character.UnicodeScript.LATIN) {
				return true;
			}
		}
		return false;
	}

	/** ICU's transliterators keep working state while they run, so one thread at a time. */
	static String toLatin(String text) {
		synchronized (TO_LATIN) {
			return TO_LATIN.transliterate(text);
		}
	}
}
