package io.contactsync.crm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import io.contactsync.policy.CheckedFiles;
import io.contactsync.policy.FileProblem;

/**
 * The mapping files of {@code contactsync.mappings-directory}, read and validated at start-up. One bad file stops
 * the start with every problem of every file in one message, so the data team fixes them all in one go instead of
 * the push job failing on them later.
 */
public class CrmMappings implements CheckedFiles {

	private final Map<String, CrmMapping> mappings;

	public CrmMappings(Path directory) {
		this.mappings = readAll(directory, new MappingFileReader());
	}

	/** Every mapping, by file name. */
	public List<CrmMapping> all() {
		return List.copyOf(mappings.values());
	}

	@Override
	public List<String> describe() {
		return mappings.values().stream().map(mapping -> String.format("%s: valid — %s %s by %s, %d fields",
				mapping.file(), mapping.target().code(), mapping.object(), mapping.matchKey(), mapping.fields().size()))
			.toList();
	}

	public Optional<CrmMapping> byName(String name) {
		return Optional.ofNullable(mappings.get(name));
	}

	/**
	 * Checks a mapping that is not (yet) a file, as the data team's tooling sends it.
	 * @param name the file name it would have, e.g. {@code hubspot.yml}
	 * @throws MappingException listing every problem with its line
	 */
	public CrmMapping validate(String name, String yaml) {
		return new MappingFileReader().read(name, new java.io.StringReader(yaml));
	}

	private static Map<String, CrmMapping> readAll(Path directory, MappingFileReader reader) {
		Map<String, CrmMapping> mappings = new LinkedHashMap<>();
		if (!Files.isDirectory(directory)) {
			return mappings;
		}
		List<FileProblem> problems = new ArrayList<>();
		for (Path file : files(directory)) {
			String fileName = file.getFileName().toString();
			if (fileName.endsWith(".yaml")) {
				// Only *.yml is read; say so rather than silently ignore a file the team meant to be used.
				problems.add(new FileProblem(file.toString(), 1, "mapping files end in .yml; rename it to "
						+ fileName.substring(0, fileName.length() - 5) + ".yml"));
			}
			else if (fileName.endsWith(".yml")) {
				try {
					CrmMapping mapping = reader.read(file);
					mappings.put(mapping.name(), mapping);
				}
				catch (MappingException ex) {
					problems.addAll(ex.problems());
				}
			}
		}
		if (!problems.isEmpty()) {
			throw new MappingException(problems);
		}
		return mappings;
	}

	private static List<Path> files(Path directory) {
		try (Stream<Path> files = Files.list(directory)) {
			return files.filter(Files::isRegularFile).sorted().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot list the mappings directory " + directory, ex);
		}
	}
}
