package io.contactsync.capture;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The bytes of one record (a line, an array element) while it is read, and their decoding. Up to {@link #MAX_BYTES}
 * are kept; a longer record is still read to its end, so that the next one starts where it should, and is rejected.
 * Decoding is strict: a record with bytes that are not UTF-8 is not guessed at but rejected, naming the byte.
 */
final class RecordBytes {

	/** Far above any payload a channel sends; what is longer is a broken file, not a visitor. */
	static final int MAX_BYTES = 16 << 20;

	private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
		.onMalformedInput(CodingErrorAction.REPORT)
		.onUnmappableCharacter(CodingErrorAction.REPORT);

	private byte[] bytes = new byte[8192];

	private int length;

	private long total;

	private boolean ascii = true;

	void clear() {
		length = 0;
		total = 0;
		ascii = true;
	}

	void append(byte[] source, int from, int count) {
		total += count;
		int room = MAX_BYTES - length;
		int taken = Math.min(count, room);
		if (taken <= 0) {
			return;
		}
		ensure(length + taken);
		for (int i = from; i < from + taken && ascii; i++) {
			ascii = source[i] >= 0;
		}
		System.arraycopy(source, from, bytes, length, taken);
		length += taken;
	}

	void append(int b) {
		total++;
		if (length < MAX_BYTES) {
			ensure(length + 1);
			ascii &= b < 0x80;
			bytes[length++] = (byte) b;
		}
	}

	private void ensure(int capacity) {
		if (capacity > bytes.length) {
			bytes = Arrays.copyOf(bytes, Math.max(capacity, Math.min(MAX_BYTES, bytes.length * 2)));
		}
	}

	int length() {
		return length;
	}

	/** Keeps only the first {@code kept} bytes (of those kept so far). */
	void truncate(int kept) {
		total -= length - kept;
		length = kept;
	}

	/** Drops a carriage return and the spaces at the end, as a line of a Windows file has them. */
	void trimEnd() {
		while (length > 0 && (bytes[length - 1] == '\r' || bytes[length - 1] == ' ' || bytes[length - 1] == '\t')) {
			length--;
			total--;
		}
	}

	/** Drops a UTF-8 byte order mark at the start, which some editors write. */
	void dropByteOrderMark() {
		if (length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
			System.arraycopy(bytes, 3, bytes, 0, length - 3);
			length -= 3;
			total -= 3;
		}
	}

	boolean isBlank() {
		for (int i = 0; i < length; i++) {
			byte b = bytes[i];
			if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
				return false;
			}
		}
		return true;
	}

	boolean isEmpty() {
		return total == 0;
	}

	/** The record as text, or null when it is too long or not UTF-8; {@link #problem()} then says why. */
	String text() {
		if (total > length) {
			return null;
		}
		if (ascii) {
			return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
		}
		CharBuffer out = CharBuffer.allocate(length);
		ByteBuffer in = ByteBuffer.wrap(bytes, 0, length);
		decoder.reset();
		CoderResult result = decoder.decode(in, out, true);
		if (result.isError()) {
			return null;
		}
		decoder.flush(out);
		return out.flip().toString();
	}

	/** Why {@link #text()} gave null. */
	String problem() {
		if (total > length) {
			return "longer than " + (MAX_BYTES >> 20) + " MiB (" + total + " bytes); only its start is reported";
		}
		ByteBuffer in = ByteBuffer.wrap(bytes, 0, length);
		decoder.reset();
		CoderResult result = decoder.decode(in, CharBuffer.allocate(length), true);
		return result.isError() ? "not valid UTF-8: byte " + (in.position() + 1) + " (0x"
				+ Integer.toHexString(bytes[in.position()] & 0xFF) + ") starts no character" : null;
	}

	/** The record as the reject report keeps it: escaped, at most 2 KiB. */
	String escaped() {
		return RawText.escaped(bytes, length, total > length);
	}
}
