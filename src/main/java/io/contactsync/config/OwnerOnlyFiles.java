package io.contactsync.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files only their owner may read or write (0600), for the embedded database's secrets and access rules.
 *
 * <p>Where the file system has no POSIX permissions (Windows), a file gets the access of the directory it is in, the
 * data directory, which is as closed as PostgreSQL needs it to be.
 */
final class OwnerOnlyFiles {

	static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

	private OwnerOnlyFiles() {
	}

	/**
	 * Writes the file whole or not at all: a process killed while writing leaves the file as it was, never half of the
	 * new one, which for a password would lock the database for good.
	 */
	static void writeAtomically(Path file, String content) throws IOException {
		Path next = file.resolveSibling(file.getFileName() + ".new");
		Files.deleteIfExists(next);
		write(next, content, StandardOpenOption.CREATE_NEW);
		Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
	}

	/** A new owner-only file in the system's temporary directory; the caller deletes it. */
	static Path writeTemporary(String prefix, String content) throws IOException {
		Path directory = Path.of(System.getProperty("java.io.tmpdir"));
		Path file = supportsPermissions(directory)
				? Files.createTempFile(directory, prefix, ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY))
				: Files.createTempFile(directory, prefix, ".tmp");
		try {
			write(file, content, StandardOpenOption.TRUNCATE_EXISTING);
			return file;
		}
		catch (IOException | RuntimeException ex) {
			Files.deleteIfExists(file);
			throw ex;
		}
	}

	/** Takes back access that someone granted to others since the file was written; true if it had to. */
	static boolean restrict(Path file) throws IOException {
		if (!supportsPermissions(file.getParent()) || Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
			return false;
		}
		Files.setPosixFilePermissions(file, OWNER_ONLY);
		return true;
	}

	private static void write(Path file, String content, StandardOpenOption mode) throws IOException {
		FileAttribute<?>[] attributes = supportsPermissions(file.getParent())
				? new FileAttribute<?>[] { PosixFilePermissions.asFileAttribute(OWNER_ONLY) } : new FileAttribute<?>[0];
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
