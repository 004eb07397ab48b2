package io.contactsync.export;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.ZoneId;

import io.contactsync.store.ContactExportRow;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * XLSX written as a stream: rows go out every {@link #FLUSH_ROWS}, strings inline (a shared-string table would
 * hold every name in memory), dates as real date cells in the service's zone. A sheet holds at most 1,048,576
 * rows; past that the export goes on in "Contacts 2", and so on.
 */
class XlsxExportWriter implements ContactExportWriter {

	private static final int FLUSH_ROWS = 1_000;

	private static final int MAX_ROWS = 1_048_576;

	private static final String DATE_FORMAT = "yyyy-mm-dd hh:mm:ss";

	private final Workbook workbook;

	private final ZoneId zone;

	private Worksheet sheet;

	private int sheets;

	private int row;

	XlsxExportWriter(OutputStream out, ZoneId zone) {
		this.workbook = new Workbook(out, "Contact Sync", "1.0");
		this.zone = zone;
		newSheet();
	}

	@Override
	public void write(ContactExportRow contact) throws IOException {
		if (row == MAX_ROWS) {
			sheet.finish();
			newSheet();
		}
		sheet.value(row, 0, contact.id());
		text(1, contact.name());
		text(2, contact.email());
		text(3, contact.phone());
		text(4, contact.phoneE164());
		text(5, contact.channel());
		date(6, contact.createdAt());
		date(7, contact.lastActivityAt());
		text(8, contact.leadStatus());
		text(9, contact.leadTemperature());
		if (contact.leadScore() != null) {
			sheet.value(row, 10, contact.leadScore());
		}
		text(11, contact.tags().isEmpty() ? null : String.join("; ", contact.tags()));
		if (++row % FLUSH_ROWS == 0) {
			sheet.flush();
		}
	}

	@Override
	public void finish() throws IOException {
		sheet.finish();
		workbook.finish();
	}

	private void newSheet() {
		sheets++;
		sheet = workbook.newWorksheet(sheets == 1 ? "Contacts" : "Contacts " + sheets);
		for (int column = 0; column < COLUMNS.size(); column++) {
			sheet.inlineString(0, column, COLUMNS.get(column));
		}
		sheet.width(6, 20);
		sheet.width(7, 20);
		row = 1;
	}

	private void text(int column, String value) {
		if (value != null) {
			sheet.inlineString(row, column, value);
		}
	}

	private void date(int column, Instant instant) {
		if (instant != null) {
			sheet.value(row, column, ContactExportWriter.local(instant, zone));
			sheet.style(row, column).format(DATE_FORMAT).set();
		}
	}
}
