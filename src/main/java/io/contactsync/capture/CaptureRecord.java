package io.contactsync.capture;

import java.util.Map;

/**
 * One record as read, before it is understood: a line of JSON Lines, an element of a JSON array (or a JSON file
 * holding one value), a row of the contact table, or an inbox entry. {@code source}, {@code line},
 * {@code element} (or {@code inboxId}) say where it came from, for the report.
 *
 * @param element the index of the element in its file's array, or null
 * @param channel the channel the operator named for the input, or the inbox entry's; null to detect
 * @param text    the record; when it could not be decoded, its bytes escaped as the report shows them
 * @param fields  for a contact-table row: its values by column name; null otherwise
 * @param problem why the record cannot even be read (not UTF-8, cut off, too long), or null
 */
record CaptureRecord(Format format, String source, long line, Integer element, Long inboxId, String channel,
		String text, Map<String, String> fields, String problem) {

	enum Format {
		/** One canonical event or one channel payload per line. */
		JSON_LINE,
		/** An element of a JSON file's array, or a JSON file holding one payload. */
		JSON_ELEMENT,
		/** A row of the platform's contact table: ID, Name, Email, Phone, Channel, Created At. */
		CONTACT_ROW,
		/** A payload accepted over HTTP into capture_inbox. */
		INBOX
	}

	static CaptureRecord unreadable(Format format, String source, long line, Integer element, String channel,
			String escaped, String problem) {
		return new CaptureRecord(format, source, line, element, null, channel, escaped, null, problem);
	}

	/** Where it came from, as the report says it. */
	String origin() {
		if (inboxId != null) {
			return "capture_inbox id " + inboxId + (element != null ? " element " + element : "");
		}
		return source + (line > 0 ? ":" + line : "") + (element != null ? " element " + element : "");
	}
}
