package io.contactsync.store;

import java.util.Optional;

/**
 * What PostgreSQL cannot keep in a {@code text} column: the NUL character (it refuses the row) and UTF-16
 * halves without their partner (pgjdbc writes them as {@code ?}, so the stored text silently differs from
 * what was sent). Every piece of text a client sends passes one of these checks before it reaches a
 * statement: the API and the dashboard refuse it naming the field, captures clean it and warn.
 */
public final class StorableText {

	/** Put where a value was cut to its limit, so that a reader knows there was more. */
	public static final String TRUNCATION_MARK = " […truncated]";

	private StorableText() {
	}

	/** Why the text cannot be stored, or empty when it can. Never quotes the text: it may be personal data. */
	public static Optional<String> problem(String text) {
		if (text == null) {
			return Optional.empty();
		}
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == 0) {
				return Optional.of("holds a NUL character (\\u0000) at position " + i);
			}
			if (Character.isHighSurrogate(c)) {
				if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
					i++;
					continue;
				}
				return Optional.of("holds half of a UTF-16 surrogate pair at position " + i);
			}
			if (Character.isLowSurrogate(c)) {
				return Optional.of("holds half of a UTF-16 surrogate pair at position " + i);
			}
		}
		return Optional.empty();
	}

	public static boolean isStorable(String text) {
		return problem(text).isEmpty();
	}

	/** The text with every NUL removed and every lone surrogate replaced by U+FFFD, as a decoder would. */
	public static String clean(String text) {
		if (text == null || isStorable(text)) {
			return text;
		}
		StringBuilder cleaned = new StringBuilder(text.length());
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == 0) {
				continue;
			}
			if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
				cleaned.append(c).append(text.charAt(++i));
			}
			else {
				cleaned.append(Character.isSurrogate(c) ? '\uFFFD' : c);
			}
		}
		return cleaned.toString();
	}

	/**
	 * The text cut to at most {@code maxLength} characters, the last of them the truncation mark, never
	 * splitting a surrogate pair.
	 */
	public static String truncate(String text, int maxLength) {
		if (text == null || text.length() <= maxLength) {
			return text;
		}
		int end = Math.max(0, maxLength - TRUNCATION_MARK.length());
		if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
			end--;
		}
		return text.substring(0, end) + TRUNCATION_MARK;
	}
}
