package io.contactsync.capture;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * About how many records capture files hold, for the import's progress, without reading them twice: a line format's
 * records are its lines, so the lines in a file's first megabyte, scaled to its size, tell (exactly, for a file that
 * small). A JSON array's elements cannot be told that way; with one among the files the total is unknown.
 */
final class CaptureFileEstimate {

	private static final int SAMPLE = 1 << 20;

	private CaptureFileEstimate() {
	}

	static OptionalLong records(List<Path> files) {
		long records = 0;
		for (Path file : files) {
			String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
			if (name.endsWith(".json")) {
				return OptionalLong.empty();
			}
			long lines = lines(file);
			// A CSV's first line is its header, not a contact.
			records += name.endsWith(".csv") ? Math.max(0, lines - 1) : lines;
		}
		return OptionalLong.of(records);
	}

	private static long lines(Path file) {
		try (InputStream in = Files.newInputStream(file)) {
			long size = Files.size(file);
			byte[] sample = in.readNBytes(SAMPLE);
			long breaks = 0;
			for (byte b : sample) {
				if (b == '\n') {
					breaks++;
				}
			}
			// A last line without its line break is a line too.
			if (sample.length > 0 && sample[sample.length - 1] != '\n' && sample.length == size) {
				breaks++;
			}
			return sample.length == 0 ? 0 : Math.round((double) breaks * size / sample.length);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}
}
