package io.contactsync.capture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A {@code .json} file: each element of its array is a record of its own (a payload or a canonical event), found
 * by {@link JsonArrayElements} while the file streams by; a file holding one payload is one record.
 */
final class ArrayCursor implements FileCursor {

	private final String file;

	private final String channel;

	private final ByteSource bytes;

	private final JsonArrayElements elements;

	private final RecordBytes element = new RecordBytes();

	private long handedOut;

	ArrayCursor(Path file, String channel) throws IOException {
		this.file = file.toString();
		this.channel = channel;
		this.bytes = new ByteSource(Files.newInputStream(file));
		this.elements = new JsonArrayElements(bytes);
	}

	@Override
	public CaptureRecord next() throws IOException {
		if (!elements.next(element)) {
			return null;
		}
		handedOut++;
		Integer index = elements.index() < 0 ? null : elements.index();
		String problem = problem();
		String text = problem == null ? element.text() : null;
		if (text == null) {
			return CaptureRecord.unreadable(CaptureRecord.Format.JSON_ELEMENT, file, elements.line(), index, channel,
					element.escaped(), problem != null ? problem : element.problem());
		}
		return new CaptureRecord(CaptureRecord.Format.JSON_ELEMENT, file, elements.line(), index, null, channel, text,
				null, null);
	}

	private String problem() {
		if (elements.trailing()) {
			return "text after the array's closing ]";
		}
		if (elements.resynced()) {
			return "not whole JSON: the next element begins (on a line of its own) before this one ends; a text cut"
					+ " off, or a quote never closed?";
		}
		if (elements.truncated()) {
			return "the file ends inside this element: it was cut off";
		}
		return element.isEmpty() ? "an empty element (two commas in a row?)" : null;
	}

	@Override
	public long position() {
		return handedOut;
	}

	@Override
	public void close() throws IOException {
		bytes.close();
	}
}
