package io.contactsync.capture;

import java.io.IOException;

/** Reads the records of one capture file in order; {@link #position()} counts those handed out. */
interface FileCursor extends AutoCloseable {

	/** The next record, or null at the end of the file. */
	CaptureRecord next() throws IOException;

	long position();

	@Override
	void close() throws IOException;
}
