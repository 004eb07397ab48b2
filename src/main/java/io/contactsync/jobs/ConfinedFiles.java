package io.contactsync.jobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.contactsync.config.OwnerOnlyFiles;
import org.springframework.stereotype.Component;

/**
 * The file parameters of a launch that did not come from the command line: {@code input} (and a flow's
 * {@code capture-import.input}, a sample's {@code febrl}) must lie under an import root, {@code output} under the
 * export root. Both are judged by their real paths, after every symbolic link and {@code ..} is resolved, so that
 * a link inside a root cannot lead out of it.
 * <p>
 * A refusal says the same for a path that does not exist, is not readable, or lies elsewhere: anything more would
 * tell an operator what exists on the server.
 */
@Component
public class ConfinedFiles {

	private static final Set<String> READ = Set.of("input", "febrl");

	private static final Set<String> WRITE = Set.of("output");

	private final FileRootsProperties roots;

	ConfinedFiles(FileRootsProperties roots) {
		this.roots = roots;
	}

	/**
	 * The parameters with each file checked, a relative output placed in the export root.
	 * @throws JobUsageException naming the setting, when a file lies outside its root
	 */
	public Map<String, String> confine(Map<String, String> parameters) {
		Map<String, String> confined = new LinkedHashMap<>();
		parameters.forEach((name, value) -> {
			String base = baseName(name);
			if (READ.contains(base)) {
				checkReadable(name, value);
				confined.put(name, value);
			}
			else if (WRITE.contains(base)) {
				confined.put(name, writable(name, value).toString());
			}
			else {
				confined.put(name, value);
			}
		});
		return confined;
	}

	/** Why a confined launch may not read the parameter's file, or empty: for the checks of the jobs/ files. */
	Optional<String> readProblem(String name, String value) {
		if (!READ.contains(baseName(name))) {
			return Optional.empty();
		}
		try {
			checkReadable(name, value);
			return Optional.empty();
		}
		catch (JobUsageException ex) {
			return Optional.of(ex.getMessage());
		}
	}

	private void checkReadable(String name, String value) {
		Optional<Path> real = realPath(Path.of(value));
		boolean inside = real.isPresent() && roots.importRoots().stream()
			.map(ConfinedFiles::realPath)
			.flatMap(Optional::stream)
			.anyMatch(root -> real.get().startsWith(root));
		if (!inside) {
			throw new JobUsageException(name + " must be a capture file or directory under " + FileRootsProperties.IMPORT_ROOTS
					+ " (" + String.join(", ", roots.importRoots().stream().map(Path::toString).toList()) + "); put the"
					+ " files there, or ask the administrator to add their directory to that setting.");
		}
	}

	private Path writable(String name, String value) {
		Path root = roots.exportRoot();
		Path output = root.resolve(value).normalize();
		try {
			OwnerOnlyFiles.createDirectories(root);
			Path realRoot = root.toRealPath();
			Path absoluteRoot = root.toAbsolutePath().normalize();
			Path absolute = output.toAbsolutePath().normalize();
			boolean inside = absolute.startsWith(absoluteRoot) && !absolute.equals(absoluteRoot)
					&& deepestExisting(absolute).toRealPath().startsWith(realRoot) && !Files.isSymbolicLink(output)
					&& !Files.isDirectory(output, LinkOption.NOFOLLOW_LINKS);
			if (inside) {
				return output;
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The export root " + FileRootsProperties.EXPORT_ROOT + " cannot be used", ex);
		}
		throw new JobUsageException(name + " must be a file name under " + FileRootsProperties.EXPORT_ROOT + " (" + root
				+ "), e.g. " + name + "=contacts.csv; a relative name is placed there.");
	}

	/** A flow's {@code capture-import.input} is capture-import's {@code input}. */
	private static String baseName(String name) {
		return name.substring(name.lastIndexOf('.') + 1);
	}

	private static Path deepestExisting(Path path) {
		Path candidate = path.toAbsolutePath();
		while (!Files.exists(candidate, LinkOption.NOFOLLOW_LINKS) && candidate.getParent() != null) {
			candidate = candidate.getParent();
		}
		return candidate;
	}

	private static Optional<Path> realPath(Path path) {
		try {
			return Optional.of(path.toRealPath());
		}
		catch (IOException | SecurityException ex) {
			return Optional.empty();
		}
	}
}
