package io.contactsync.capture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * JSON Lines: a record per non-blank line; blank lines are passed over but keep the numbering true. Lines are read
 * as bytes and decoded one by one, so a line that is not UTF-8 is rejected alone instead of failing the file.
 */
final class LineCursor implements FileCursor {

	private final String file;

	private final String channel;

	private final ByteSource bytes;

	private final RecordBytes line = new RecordBytes();

	private long lineNumber;

	LineCursor(Path file, String channel) throws IOException {
		this.file = file.toString();
		this.channel = channel;
		this.bytes = new ByteSource(Files.newInputStream(file));
	}

	@Override
	public CaptureRecord next() throws IOException {
		while (true) {
			line.clear();
			if (!bytes.readLine(line)) {
				return null;
			}
			lineNumber++;
			if (lineNumber == 1) {
				line.dropByteOrderMark();
			}
			line.trimEnd();
			if (!line.isBlank()) {
				String text = line.text();
				return text != null
						? new CaptureRecord(CaptureRecord.Format.JSON_LINE, file, lineNumber, null, null, channel, text,
								null, null)
						: CaptureRecord.unreadable(CaptureRecord.Format.JSON_LINE, file, lineNumber, null, channel,
								line.escaped(), line.problem());
			}
		}
	}

	@Override
	public long position() {
		return lineNumber;
	}

	@Override
	public void close() throws IOException {
		bytes.close();
	}
}
