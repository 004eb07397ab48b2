package io.contactsync.capture;

import java.io.IOException;

/**
 * Splits a JSON file into its records without reading it whole: the elements of a top-level array one at a time,
 * or the whole file when it holds one value. It looks only at the bytes that give JSON its structure (brackets,
 * braces, quotes, backslashes, commas), which are ASCII and never part of a multi-byte character, so an element
 * with bytes that are not UTF-8, a NUL or a broken value inside is cut out whole and the elements after it are read
 * as if it were not there. Each element is then decoded and parsed by Jackson on its own.
 * <p>
 * An element cut off inside a text (a quote never closed) would swallow the elements after it. Arrays that people
 * and tools write put each element on a line of its own, all at one indentation: when a line at that indentation
 * starts an object after a comma while the element before is still open, that element is cut there, reported as
 * broken, and the line is read as the next element. A minified array on one line has no such lines; there a broken
 * element runs on until its brackets balance, and is reported as one.
 */
final class JsonArrayElements {

	private final ByteSource source;

	private boolean started;

	private boolean array;

	private boolean ended;

	private long line = 1;

	private long elementLine;

	private int index = -1;

	private boolean truncated;

	private boolean trailing;

	private boolean resynced;

	/** Bytes since the last line feed while they are all blanks, else -1. */
	private int indent = 0;

	/** The indentation elements start at, once one has started a line; -1 before. */
	private int elementIndent = -1;

	/** The first byte of the next element, taken while cutting a broken one; -1 when none. */
	private int pending = -1;

	JsonArrayElements(ByteSource source) {
		this.source = source;
	}

	/**
	 * Reads the next record into {@code element}.
	 * @return false when the file has no more
	 */
	boolean next(RecordBytes element) throws IOException {
		element.clear();
		truncated = false;
		resynced = false;
		if (!started) {
			started = true;
			skipByteOrderMark();
			skipWhitespace();
			if (source.peek() != '[') {
				elementLine = line;
				return readRest(element);
			}
			source.next();
			array = true;
			indent = -1;
		}
		if (ended || !array) {
			return ended && !trailing && readTrailing(element);
		}
		if (pending == -1) {
			skipWhitespace();
		}
		int first = pending != -1 ? pending : source.peek();
		if (first == -1) {
			// the closing bracket is missing, but every element before was whole
			ended = true;
			return false;
		}
		if (first == ']' && pending == -1) {
			// also after a last comma, which some writers leave: no element follows it
			source.next();
			ended = true;
			return readTrailing(element);
		}
		elementLine = line;
		index++;
		if (elementIndent < 0 && indent >= 0) {
			elementIndent = indent;
		}
		readElement(element);
		element.trimEnd();
		return true;
	}

	/** The element's index in the array; -1 when the file is one value rather than an array. */
	int index() {
		return array && !trailing ? index : -1;
	}

	/** The line the record starts on. */
	long line() {
		return elementLine;
	}

	/** Whether the file ended inside the record: a cut-off file. */
	boolean truncated() {
		return truncated;
	}

	/** Whether the record was cut where the next element begins: it is not whole JSON. */
	boolean resynced() {
		return resynced;
	}

	/** Whether the record is what follows the array's closing bracket. */
	boolean trailing() {
		return trailing;
	}

	private void readElement(RecordBytes element) throws IOException {
		int depth = 0;
		boolean inString = false;
		boolean escaped = false;
		boolean afterComma = false;
		int lengthAtComma = 0;
		while (true) {
			int b = pending != -1 ? pending : source.next();
			boolean wasPending = pending != -1;
			pending = -1;
			if (b == -1) {
				ended = true;
				truncated = depth > 0 || inString;
				return;
			}
			if (b == '\n') {
				line++;
				indent = 0;
			}
			else if (indent >= 0 && (b == ' ' || b == '\t' || b == '\r')) {
				indent++;
			}
			else if (indent >= 0) {
				if (!wasPending && (depth > 0 || inString) && afterComma && indent == elementIndent
						&& (b == '{' || b == '[')) {
					element.truncate(lengthAtComma);
					pending = b;
					resynced = true;
					return;
				}
				indent = -1;
			}
			if (b != '\n' && b != ' ' && b != '\t' && b != '\r') {
				afterComma = b == ',';
				lengthAtComma = element.length();
			}
			if (inString) {
				if (escaped) {
					escaped = false;
				}
				else if (b == '\\') {
					escaped = true;
				}
				else if (b == '"') {
					inString = false;
				}
			}
			else if (b == '"') {
				inString = true;
			}
			else if (b == '{' || b == '[') {
				depth++;
			}
			else if (b == '}' || b == ']') {
				if (depth == 0 && b == ']') {
					ended = true;
					return;
				}
				depth = Math.max(0, depth - 1);
			}
			else if (b == ',' && depth == 0) {
				return;
			}
			element.append(b);
		}
	}

	/** What comes after the closing bracket: nothing but blanks, or one more record to reject. */
	private boolean readTrailing(RecordBytes element) throws IOException {
		skipWhitespace();
		if (source.peek() == -1) {
			return false;
		}
		trailing = true;
		elementLine = line;
		return readRest(element);
	}

	private boolean readRest(RecordBytes element) throws IOException {
		ended = true;
		int b;
		boolean any = false;
		while ((b = source.next()) != -1) {
			any = true;
			element.append(b);
		}
		element.trimEnd();
		return any;
	}

	private void skipWhitespace() throws IOException {
		int b;
		while ((b = source.peek()) == ' ' || b == '\t' || b == '\r' || b == '\n') {
			if (b == '\n') {
				line++;
				indent = 0;
			}
			else if (indent >= 0) {
				indent++;
			}
			source.next();
		}
	}

	private void skipByteOrderMark() throws IOException {
		if (source.peek() == 0xEF) {
			source.next();
			if (source.peek() == 0xBB) {
				source.next();
				if (source.peek() == 0xBF) {
					source.next();
				}
			}
		}
	}
}
