package io.contactsync.jobs;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens a job's policy file: {@code <jobs directory>/<name>}, or, when the directory has none (a container image
 * without jobs/), the copy of the shipped file that the build puts into the jar beside the class that reads it.
 */
public final class PolicyFiles {

	/** Reads one policy file; {@code file} is how its problems name it. */
	@FunctionalInterface
	public interface Reading<T> {

		T read(String file, Reader yaml);
	}

	private PolicyFiles() {
	}

	public static <T> T read(Path jobsDirectory, String name, Class<?> shippedBeside, Reading<T> reading)
			throws IOException {
		Path file = jobsDirectory.resolve(name);
		if (Files.isRegularFile(file)) {
			try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
				return reading.read(file.toString(), reader);
			}
		}
		try (InputStream shipped = shippedBeside.getResourceAsStream(name)) {
			if (shipped == null) {
				throw new IllegalStateException(file + " does not exist and the jar holds no default " + name);
			}
			return reading.read(source(jobsDirectory, name), new InputStreamReader(shipped, StandardCharsets.UTF_8));
		}
	}

	/** How {@link #read} names the file it reads: the file under the jobs directory, or the shipped default. */
	public static String source(Path jobsDirectory, String name) {
		Path file = jobsDirectory.resolve(name);
		return Files.isRegularFile(file) ? file.toString() : name + " (shipped default)";
	}
}
