package io.contactsync.config;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.Set;

/**
 * Files the service writes (exports, reports, generated captures) hold personal data: they are created readable
 * and writable by the service's own user only, whatever the umask, and their new directories likewise. On a file
 * system without POSIX permissions the platform's defaults apply. The embedded database's password and access
 * rules are written here too, whole or not at all.
 */
public final class OwnerOnlyFiles {

	static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

	private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");

	private OwnerOnlyFiles() {
	}

	/** Opens the file for writing from its start, creating it (and its missing directories) owner-only. */
	public static OutputStream newOutputStream(Path file, StandardOpenOption... extra) throws IOException {
		createParentDirectories(file);
		Set<StandardOpenOption> options = new HashSet<>(Set.of(StandardOpenOption.CREATE,
				StandardOpenOption.WRITE));
		options.addAll(Set.of(extra));
		if (!options.contains(StandardOpenOption.APPEND)) {
			options.add(StandardOpenOption.TRUNCATE_EXISTING);
		}
		if (!posix(file)) {
			return Files.newOutputStream(file, options.toArray(StandardOpenOption[]::new));
		}
		OutputStream out = Channels.newOutputStream(Files.newByteChannel(file, options, attribute(FILE)));
		// A file that existed already keeps its old mode otherwise.
		Files.setPosixFilePermissions(file, FILE);
		return out;
	}

	public static Writer newBufferedWriter(Path file, StandardOpenOption... extra) throws IOException {
		return new BufferedWriter(new OutputStreamWriter(newOutputStream(file, extra),
				StandardCharsets.UTF_8));
	}

	/** Appends the text to the file, creating it owner-only. */
	public static void append(Path file, String text) throws IOException {
		try (OutputStream out = newOutputStream(file, StandardOpenOption.APPEND)) {
			out.write(text.getBytes(StandardCharsets.UTF_8));
		}
	}

	/** Creates the directory and its missing parents, each new one owner-only. */
	public static void createDirectories(Path directory) throws IOException {
		Path absolute = directory.toAbsolutePath();
		if (Files.isDirectory(absolute)) {
			return;
		}
		if (absolute.getParent() != null) {
			createDirectories(absolute.getParent());
		}
		try {
			if (posix(absolute)) {
				Files.createDirectory(absolute, attribute(DIRECTORY));
			}
			else {
				Files.createDirectory(absolute);
			}
		}
		catch (FileAlreadyExistsException ex) {
			// made meanwhile by another writer: fine if it is a directory
			if (!Files.isDirectory(absolute)) {
				throw ex;
			}
		}
	}

	private static void createParentDirectories(Path file) throws IOException {
		Path parent = file.toAbsolutePath().getParent();
		if (parent != null) {
			createDirectories(parent);
		}
	}

	private static boolean posix(Path path) {
		return path.getFileSystem().supportedFileAttributeViews().contains("posix");
	}

	private static FileAttribute<Set<PosixFilePermission>> attribute(Set<PosixFilePermission> permissions) {
		return PosixFilePermissions.asFileAttribute(permissions);
	}

	/**
	 * Writes the file whole or not at all: a process killed while writing leaves the file as it was, never half of the
	 * new one, which for a password would lock the database for good.
	 */
	static void writeAtomically(Path file, String content) throws IOException {
		Path next = file.resolveSibling(file.getFileName() + ".new");
		Files.deleteIfExists(next);
		writeNew(next, content, StandardOpenOption.CREATE_NEW);
		Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
	}

	/** A new owner-only file in the system's temporary directory; the caller deletes it. */
	static Path writeTemporary(String prefix, String content) throws IOException {
		Path directory = Path.of(System.getProperty("java.io.tmpdir"));
		Path file = supportsPermissions(directory)
				? Files.createTempFile(directory, prefix, ".tmp", PosixFilePermissions.asFileAttribute(FILE))
				: Files.createTempFile(directory, prefix, ".tmp");
		try {
			writeNew(file, content, StandardOpenOption.TRUNCATE_EXISTING);
			return file;
		}
		catch (IOException | RuntimeException ex) {
			Files.deleteIfExists(file);
			throw ex;
		}
	}

	/** Takes back access that someone granted to others since the file was written; true if it had to. */
	static boolean restrict(Path file) throws IOException {
		if (!supportsPermissions(file.getParent()) || Files.getPosixFilePermissions(file).equals(FILE)) {
			return false;
		}
		Files.setPosixFilePermissions(file, FILE);
		return true;
	}

	private static void writeNew(Path file, String content, StandardOpenOption mode) throws IOException {
		FileAttribute<?>[] attributes = supportsPermissions(file.getParent())
				? new FileAttribute<?>[] { PosixFilePermissions.asFileAttribute(FILE) } : new FileAttribute<?>[0];
		try (FileChannel channel = FileChannel.open(file, Set.of(mode, StandardOpenOption.WRITE), attributes)) {
			ByteBuffer bytes = ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8));
			while (bytes.hasRemaining()) {
				channel.write(bytes);
			}
			// On disk before the rename that makes it the file: a power cut must not leave an empty password file.
			channel.force(true);
		}
	}

	private static boolean supportsPermissions(Path directory) throws IOException {
		FileStore store = Files.getFileStore(directory);
		return store.supportsFileAttributeView("posix");
	}
}
