package io.contactsync.capture;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import io.contactsync.store.StorableText;

/**
 * A rejected record as the reject report keeps it, whatever bytes it held: the first 2 KiB, with each byte that is
 * not UTF-8 written as {@code \xNN} and each character PostgreSQL or a terminal cannot take (NUL, other control
 * characters, half a surrogate pair) as {@code \\uNNNN}, and {@link StorableText#TRUNCATION_MARK} when there was
 * more. So writing the reject can never fail because of what the record held.
 */
final class RawText {

	static final int MAX_BYTES = 2048;

	private RawText() {
	}

	/** The text of a record, escaped and capped. */
	static String escaped(String text) {
		if (text == null) {
			return null;
		}
		StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_BYTES) + 16);
		int bytes = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			boolean pair = Character.isHighSurrogate(c) && i + 1 < text.length()
					&& Character.isLowSurrogate(text.charAt(i + 1));
			bytes += pair ? 4 : c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
			if (bytes > MAX_BYTES) {
				return out.append(StorableText.TRUNCATION_MARK).toString();
			}
			if (pair) {
				out.append(c).append(text.charAt(++i));
			}
			else {
				append(out, c);
			}
		}
		return out.toString();
	}

	/** The first {@code length} bytes of a record, escaped and capped; {@code cut} when the record was longer. */
	static String escaped(byte[] bytes, int length, boolean cut) {
		int end = Math.min(length, MAX_BYTES);
		// not in the middle of a character: continuation bytes are 10xxxxxx
		while (end < length && end > 0 && (bytes[end] & 0xC0) == 0x80) {
			end--;
		}
		CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		ByteBuffer in = ByteBuffer.wrap(bytes, 0, end);
		CharBuffer out = CharBuffer.allocate(end);
		StringBuilder text = new StringBuilder(end + 16);
		while (true) {
			CoderResult result = decoder.decode(in, out, true);
			text.append(out.flip());
			out.clear();
			if (!result.isError()) {
				break;
			}
			for (int i = 0; i < result.length(); i++) {
				text.append(String.format("\\x%02X", in.get() & 0xFF));
			}
		}
		StringBuilder escaped = new StringBuilder(text.length() + 16);
		for (int i = 0; i < text.length(); i++) {
			append(escaped, text.charAt(i));
		}
		return cut || end < length ? escaped.append(StorableText.TRUNCATION_MARK).toString() : escaped.toString();
	}

	private static void append(StringBuilder out, char c) {
		if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F || Character.isSurrogate(c)) {
			out.append(String.format("\\u%04X", (int) c));
		}
		else {
			out.append(c);
		}
	}
}
