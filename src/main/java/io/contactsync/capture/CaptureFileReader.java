package io.contactsync.capture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Reads a capture file, or every capture file of a directory in name order: {@code .jsonl}/{@code .ndjson}
 * a record per line, {@code .json} a record per element of its array (or per file when it holds one payload),
 * {@code .csv} a record per row of the contact table. Its position (which file, how far into it) is saved with each chunk, so a resumed run goes on
 * after the last record that reached the store.
 */
class CaptureFileReader implements ItemStreamReader<CaptureRecord> {

	static final List<String> EXTENSIONS = List.of(".jsonl", ".ndjson", ".json", ".csv");

	private static final String FILE = "capture.file";

	private static final String POSITION = "capture.position";

	private final List<Path> files;

	private final String channel;

	private int fileIndex;

	/** Lines (JSON Lines), rows (CSV) or elements (JSON) of the current file already handed out. */
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
		FileCursor opened = name.endsWith(".csv") ? new CsvCursor(file, channel)
				: name.endsWith(".json") ? new ArrayCursor(file, channel) : new LineCursor(file, channel);
		for (long i = 0; i < skip; i++) {
			opened.next();
		}
		return opened;
	}
}
