package io.contactsync.export;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

import io.contactsync.store.ContactExportRow;

/** Writes contacts in one format, one row at a time; {@link #finish()} completes the file. */
interface ContactExportWriter {

	/** The columns of every format, in order. */
	List<String> COLUMNS = List.of("id", "name", "email", "phone", "phone_e164", "channel", "created_at",
			"last_activity_at", "lead_status", "lead_temperature", "lead_score", "tags");

	void write(ContactExportRow row) throws IOException;

	void finish() throws IOException;

	/** Dates for spreadsheets: the wall-clock time in the service's zone, which is what people expect to see. */
	static LocalDateTime local(Instant instant, ZoneId zone) {
		return instant == null ? null : LocalDateTime.ofInstant(instant, zone);
	}
}
