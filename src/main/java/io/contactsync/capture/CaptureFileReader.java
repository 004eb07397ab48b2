package io.contactsync.capture;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Reads a capture file, or every capture file of a directory in name order: {@code .jsonl}/{@code .ndjson}
 * a record per line, {@code .json} a record per file, {@code .csv} a record per row of the contact
 * table. Its position (which file, how far into it) is saved with each chunk, so a resumed run goes on
 * after the last record that reached the store.
 */
class CaptureFileReader implements ItemStreamReader<CaptureRecord> {

	static final List<String> EXTENSIONS = List.of(".jsonl", ".ndjson", ".json", ".csv");

	private static final String FILE = "capture.file";

	private static final String POSITION = "capture.position";

	private final List<Path> files;

	private final String channel;

	private int fileIndex;

	/** Lines (JSON Lines), rows (CSV) or documents (JSON) of the current file already handed out. */
	private long position;

	private FileCursor cursor;

	CaptureFileReader(Path input, String channel) {
		this.files = captureFiles(input);
		this.channel = channel;
	}

	/**
	 * The files an input names: the file itself, or a directory's capture files in name order. Symbolic links in
	 * a directory are passed over: a launch's input is checked to lie in an import root, and a link could lead
	 * anywhere.
	 */
	static List<Path> captureFiles(Path input) {
		if (!Files.isDirectory(input)) {
			return List.of(input);
		}
		try (Stream<Path> children = Files.list(input)) {
			return children.filter(child -> Files.isRegularFile(child, LinkOption.NOFOLLOW_LINKS)).filter(CaptureFileReader::isCaptureFile).sorted().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static boolean isCaptureFile(Path file) {
		String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
		return !name.startsWith(".") && EXTENSIONS.stream().anyMatch(name::endsWith);
	}

	@Override
	public void open(ExecutionContext context) {
		fileIndex = context.containsKey(FILE) ? context.getInt(FILE) : 0;
		position = context.containsKey(POSITION) ? context.getLong(POSITION) : 0;
	}

	@Override
	public CaptureRecord read() throws IOException {
		while (fileIndex < files.size()) {
			if (cursor == null) {
				cursor = openAt(files.get(fileIndex), position);
			}
			CaptureRecord record = cursor.next();
			if (record != null) {
				position = cursor.position();
				return record;
			}
			cursor.close();
			cursor = null;
			fileIndex++;
			position = 0;
		}
		return null;
	}

	@Override
	public void update(ExecutionContext context) {
		context.putInt(FILE, fileIndex);
		context.putLong(POSITION, position);
	}

	@Override
	public void close() {
		if (cursor != null) {
			try {
				cursor.close();
			}
			catch (IOException ex) {
				throw new ItemStreamException("Could not close " + files.get(fileIndex), ex);
			}
			cursor = null;
		}
	}

	private FileCursor openAt(Path file, long skip) throws IOException {
		String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
		FileCursor opened = name.endsWith(".csv") ? new CsvCursor(file) : name.endsWith(".json") ? new DocumentCursor(file)
				: new LineCursor(file);
		for (long i = 0; i < skip; i++) {
			opened.next();
		}
		return opened;
	}

	private interface FileCursor extends AutoCloseable {

		CaptureRecord next() throws IOException;

		long position();

		@Override
		void close() throws IOException;
	}

	/** JSON Lines: a record per non-blank line; blank lines are passed over but keep the numbering true. */
	private final class LineCursor implements FileCursor {

		private final Path file;

		private final BufferedReader lines;

		private long lineNumber;

		LineCursor(Path file) throws IOException {
			this.file = file;
			this.lines = Files.newBufferedReader(file, StandardCharsets.UTF_8);
		}

		@Override
		public CaptureRecord next() throws IOException {
			String line;
			while ((line = lines.readLine()) != null) {
				lineNumber++;
				if (!line.isBlank()) {
					return new CaptureRecord(CaptureRecord.Format.JSON_LINE, file.toString(), lineNumber, null, channel,
							line, null);
				}
			}
			return null;
		}

		@Override
		public long position() {
			return lineNumber;
		}

		@Override
		public void close() throws IOException {
			lines.close();
		}
	}

	/** A JSON file is one record: a payload, or an array of payloads or events. */
	private final class DocumentCursor implements FileCursor {

		private final Path file;

		private boolean read;

		DocumentCursor(Path file) {
			this.file = file;
		}

		@Override
		public CaptureRecord next() throws IOException {
			if (read) {
				return null;
			}
			read = true;
			return new CaptureRecord(CaptureRecord.Format.JSON_DOCUMENT, file.toString(), 1, null, channel,
					Files.readString(file, StandardCharsets.UTF_8), null);
		}

		@Override
		public long position() {
			return read ? 1 : 0;
		}

		@Override
		public void close() {
		}
	}

	/** The contact table, a record per row, named by its header. */
	private final class CsvCursor implements FileCursor {

		private final Path file;

		private final CSVParser parser;

		private final Iterator<CSVRecord> rows;

		private long rowsRead;

		CsvCursor(Path file) throws IOException {
			this.file = file;
			this.parser = CSVFormat.DEFAULT.builder()
				.setHeader()
				.setSkipHeaderRecord(true)
				.setTrim(true)
				.setIgnoreEmptyLines(true)
				.get()
				.parse(Files.newBufferedReader(file, StandardCharsets.UTF_8));
			this.rows = parser.iterator();
		}

		private boolean broken;

		/**
		 * The next row; a row the parser cannot read (a quote never closed, as in a truncated file) comes
		 * without fields, to be rejected, and ends the file: nothing after it can be told apart.
		 */
		@Override
		public CaptureRecord next() {
			try {
				if (broken || !rows.hasNext()) {
					return null;
				}
				CSVRecord row = rows.next();
				rowsRead++;
				return new CaptureRecord(CaptureRecord.Format.CONTACT_ROW, file.toString(), parser.getCurrentLineNumber(),
						null, channel, String.join(",", row.values()), row.isConsistent() ? row.toMap() : null);
			}
			catch (UncheckedIOException ex) {
				broken = true;
				rowsRead++;
				return new CaptureRecord(CaptureRecord.Format.CONTACT_ROW, file.toString(), parser.getCurrentLineNumber(),
						null, channel, "", null);
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
}
