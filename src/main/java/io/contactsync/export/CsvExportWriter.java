package io.contactsync.export;

import static io.contactsync.store.SpreadsheetText.inert;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import io.contactsync.store.ContactExportRow;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * CSV as Excel opens it: UTF-8 with a byte-order mark (without it Excel reads "Müller" as "MÃ¼ller"), CRLF line
 * ends, dates as {@code 2025-08-22 05:02:29} in the service's zone. Every text cell that could start a formula is
 * written inert (see {@code SpreadsheetText}), phone numbers included (a visitor's phone field is free text, and an
 * E.164 number starts with +), so that opening an export never runs what a visitor typed.
 */
class CsvExportWriter implements ContactExportWriter {

	private static final byte[] BYTE_ORDER_MARK = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };

	private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	/** Lines are formatted here, then encoded at once: faster than a writer's encoder working char by char. */
	private final StringBuilder line = new StringBuilder(256);

	private final CSVPrinter csv;

	private final OutputStream out;

	private final ZoneId zone;

	CsvExportWriter(OutputStream out, ZoneId zone) throws IOException {
		this.out = new BufferedOutputStream(out, 1 << 16);
		this.csv = new CSVPrinter(line, CSVFormat.EXCEL.builder().setHeader(COLUMNS.toArray(String[]::new)).get());
		this.zone = zone;
		this.out.write(BYTE_ORDER_MARK);
		flushLine();
	}

	@Override
	public void write(ContactExportRow row) throws IOException {
		csv.printRecord(row.id(), inert(row.name()), inert(row.email()), inert(row.phone()), inert(row.phoneE164()),
				inert(row.channel()), text(row.createdAt()), text(row.lastActivityAt()),
				inert(row.leadStatus()), inert(row.leadTemperature()), row.leadScore(),
				inert(String.join("; ", row.tags())));
		flushLine();
	}

	@Override
	public void finish() throws IOException {
		out.flush();
	}

	private void flushLine() throws IOException {
		out.write(line.toString().getBytes(StandardCharsets.UTF_8));
		line.setLength(0);
	}

	private String text(Instant instant) {
		return instant == null ? null : ContactExportWriter.local(instant, zone).format(DATE_TIME);
	}
}
