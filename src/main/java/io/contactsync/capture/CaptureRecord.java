package io.contactsync.capture;

import java.util.Map;

/**
 * One record as read, before it is understood: a line of JSON Lines, a whole JSON file, a row of the
 * contact table, or an inbox entry. {@code source} and {@code line} (or {@code inboxId}) say where it came
 * from, for the reject report.
 *
 * @param channel the channel the operator named for the input, or the inbox entry's; null to detect
 * @param fields  for a contact-table row: its values by column name; null otherwise
 */
record CaptureRecord(Format format, String source, long line, Long inboxId, String channel, String text,
		Map<String, String> fields) {

	enum Format {
		/** One canonical event or one channel payload per line. */
		JSON_LINE,
		/** A file holding one channel payload, or an array of them or of canonical events. */
		JSON_DOCUMENT,
		/** A row of the platform's contact table: ID, Name, Email, Phone, Channel, Created At. */
		CONTACT_ROW,
		/** A payload accepted over HTTP into capture_inbox. */
		INBOX
	}

	/** Where it came from, as the reject report says it. */
	String origin() {
		return inboxId != null ? "capture_inbox id " + inboxId : source + (line > 0 ? ":" + line : "");
	}
}
