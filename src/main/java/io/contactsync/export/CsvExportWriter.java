package io.contactsync.export;

import static io.contactsync.store.SpreadsheetText.inert;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
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

	private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	private final CSVPrinter csv;

	private final ZoneId zone;

	CsvExportWriter(OutputStream out, ZoneId zone) throws IOException {
		BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
		writer.write('\uFEFF');
		this.csv = new CSVPrinter(writer, CSVFormat.EXCEL.builder().setHeader(COLUMNS.toArray(String[]::new)).get());
		this.zone = zone;
	}

	@Override
	public void write(ContactExportRow row) throws IOException {
		csv.printRecord(row.id(), inert(row.name()), inert(row.email()), inert(row.phone()), inert(row.phoneE164()),
				inert(row.channel()), date(row), row.lastActivityAt() == null ? null
						: ContactExportWriter.local(row.lastActivityAt(), zone).format(DATE_TIME),
				inert(row.leadStatus()), inert(row.leadTemperature()), row.leadScore(),
				inert(String.join("; ", row.tags())));
	}

	@Override
	public void finish() throws IOException {
		csv.flush();
	}

	private String date(ContactExportRow row) {
		return ContactExportWriter.local(row.createdAt(), zone).format(DATE_TIME);
	}
}
