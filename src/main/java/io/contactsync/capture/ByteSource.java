package io.contactsync.capture;

import java.io.IOException;
import java.io.InputStream;

/**
 * A capture file as bytes, read through a buffer of its own: the readers look at every byte (line ends, the
 * brackets and quotes of a JSON array) before anything is decoded, so that a byte that is not UTF-8 costs only the
 * record it is in. Not thread-safe, like the step that reads it.
 */
final class ByteSource implements AutoCloseable {

	private static final int BUFFER = 1 << 16;

	private final InputStream in;

	private final byte[] buffer = new byte[BUFFER];

	private int position;

	private int limit;

	private long offset;

	ByteSource(InputStream in) {
		this.in = in;
	}

	/** The next byte (0-255), or -1 at the end of the file. */
	int next() throws IOException {
		if (position == limit && !fill()) {
			return -1;
		}
		offset++;
		return buffer[position++] & 0xFF;
	}

	/** The next byte without taking it, or -1 at the end. */
	int peek() throws IOException {
		if (position == limit && !fill()) {
			return -1;
		}
		return buffer[position] & 0xFF;
	}

	/** How many bytes were taken so far: the offset of the next one in the file. */
	long offset() {
		return offset;
	}

	/**
	 * Appends the bytes up to the next line feed (which it takes but does not append) to {@code line}.
	 * @return false when the file had ended before this call
	 */
	boolean readLine(RecordBytes line) throws IOException {
		boolean any = false;
		while (position < limit || fill()) {
			any = true;
			int start = position;
			while (position < limit && buffer[position] != '\n') {
				position++;
			}
			line.append(buffer, start, position - start);
			offset += position - start;
			if (position < limit) {
				position++;
				offset++;
				return true;
			}
		}
		return any;
	}

	private boolean fill() throws IOException {
		int read = in.read(buffer, 0, BUFFER);
		if (read <= 0) {
			return false;
		}
		position = 0;
		limit = read;
		return true;
	}

	@Override
	public void close() throws IOException {
		in.close();
	}
}
