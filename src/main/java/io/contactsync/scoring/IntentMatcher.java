package io.contactsync.scoring;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the intents of {@link LeadScoringRules} in a message: a phrase matches whole words in a row, its
 * last word also as a prefix when the phrase ends in *. Phrases are indexed by their first word, and one-word
 * prefixes by their first letter, so that a word costs two map lookups and a prefix test for the few starred
 * words that share its first letter, not a scan of every phrase. (Each word tested against all 26 starred words
 * of the shipped rules was 86 % of detectIntents in a flight recording: 52 s for 2.8 million visitor messages.)
 */
final class IntentMatcher {

	private record Phrase(List<String> words, boolean prefix, int bit) {

		boolean matchesAt(List<String> text, int start) {
			if (start + words.size() > text.size()) {
				return false;
			}
			int last = words.size() - 1;
			for (int i = 0; i < last; i++) {
				if (!words.get(i).equals(text.get(start + i))) {
					return false;
				}
			}
			String word = text.get(start + last);
			return prefix ? word.startsWith(words.get(last)) : word.equals(words.get(last));
		}
	}

	private final Map<String, List<Phrase>> byFirstWord = new HashMap<>();

	private final Map<Character, List<Phrase>> prefixesByFirstLetter = new HashMap<>();

	IntentMatcher(List<LeadScoringRules.Intent> intents) {
		for (int i = 0; i < intents.size(); i++) {
			for (String written : intents.get(i).phrases()) {
				Phrase phrase = phrase(written, 1 << i);
				if (phrase.prefix() && phrase.words().size() == 1) {
					prefixesByFirstLetter.computeIfAbsent(phrase.words().get(0).charAt(0), letter -> new ArrayList<>())
						.add(phrase);
				}
				else if (!phrase.words().isEmpty()) {
					byFirstWord.computeIfAbsent(phrase.words().get(0), word -> new ArrayList<>()).add(phrase);
				}
			}
		}
	}

	/** The intents the text shows, as bits in the order of the rules' intents; 0 for none. */
	int intents(String text) {
		if (text == null || text.isEmpty()) {
			return 0;
		}
		List<String> words = TextFolding.words(text);
		int found = 0;
		for (int i = 0; i < words.size(); i++) {
			String word = words.get(i);
			for (Phrase phrase : byFirstWord.getOrDefault(word, List.of())) {
				if (phrase.matchesAt(words, i)) {
					found |= phrase.bit();
				}
			}
			for (Phrase phrase : prefixesByFirstLetter.getOrDefault(word.charAt(0), List.of())) {
				if ((found & phrase.bit()) == 0 && word.startsWith(phrase.words().get(0))) {
					found |= phrase.bit();
				}
			}
		}
		return found;
	}

	/** True when the phrase holds at least one word once folded; a phrase of only punctuation matches nothing. */
	static boolean hasWords(String written) {
		return !TextFolding.words(written.strip().replaceAll("\\*$", "")).isEmpty();
	}

	private static Phrase phrase(String written, int bit) {
		String text = written.strip();
		boolean prefix = text.endsWith("*");
		return new Phrase(TextFolding.words(prefix ? text.substring(0, text.length() - 1) : text), prefix, bit);
	}
}
