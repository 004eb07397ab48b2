package io.contactsync.capture;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** The contact table, a record per row, named by its header. */
final class CsvCursor implements FileCursor {

	private final String file;

	private final String channel;

	private final CSVParser parser;

	private final Iterator<CSVRecord> rows;

	private long rowsRead;

	private boolean broken;

	CsvCursor(Path file, String channel) throws IOException {
		this.file = file.toString();
		this.channel = channel;
		// Decoded leniently, so that a byte that is not UTF-8 becomes U+FFFD and costs only its row (see next()).
		this.parser = CSVFormat.DEFAULT.builder()
			.setHeader()
			.setSkipHeaderRecord(true)
			.setTrim(true)
			.setIgnoreEmptyLines(true)
			.get()
			.parse(new BufferedReader(new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8)));
		this.rows = parser.iterator();
	}

	/**
	 * The next row; a row the parser cannot read (a quote never closed, as in a truncated file) comes without
	 * fields, to be rejected, and ends the file: nothing after it can be told apart.
	 */
	@Override
	public CaptureRecord next() {
		try {
			if (broken || !rows.hasNext()) {
				return null;
			}
			CSVRecord row = rows.next();
			rowsRead++;
			String text = String.join(",", row.values());
			if (text.indexOf('\uFFFD') >= 0) {
				return CaptureRecord.unreadable(CaptureRecord.Format.CONTACT_ROW, file, parser.getCurrentLineNumber(),
						null, channel, RawText.escaped(text), "not valid UTF-8: the row holds bytes that start no character");
			}
			return new CaptureRecord(CaptureRecord.Format.CONTACT_ROW, file, parser.getCurrentLineNumber(), null, null,
					channel, text, row.isConsistent() ? row.toMap() : null, null);
		}
		catch (UncheckedIOException ex) {
			broken = true;
			rowsRead++;
			return new CaptureRecord(CaptureRecord.Format.CONTACT_ROW, file, parser.getCurrentLineNumber(), null, null,
					channel, "", null, null);
		}
	}

	@Override
	public long position() {
		return rowsRead;
	}

	@Override
	public void close() throws IOException {
		parser.close();
	}
}
