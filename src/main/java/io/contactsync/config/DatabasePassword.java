package io.contactsync.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The password of the embedded PostgreSQL's {@code postgres} role. It is made at the data directory's first start
 * and kept in that directory, readable by its owner only: a {@code run} command beside the server, started by the
 * same user, finds it there without being told, and whoever could read that file could read the data anyway.
 *
 * @param value never logged; {@link #toString()} hides it
 */
record DatabasePassword(String value) {

	static final String FILE_NAME = "contact-sync.password";

	/** 24 random bytes are 32 URL-safe characters: nothing a shell, a URL or a pgpass line would have to quote. */
	private static final int RANDOM_BYTES = 24;

	static DatabasePassword generate() {
		byte[] bytes = new byte[RANDOM_BYTES];
		new SecureRandom().nextBytes(bytes);
		return new DatabasePassword(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
	}

	static Path file(Path dataDirectory) {
		return dataDirectory.resolve(FILE_NAME);
	}

	/** The password kept in the data directory, if there is one. */
	static Optional<DatabasePassword> read(Path dataDirectory) throws IOException {
		Path file = file(dataDirectory);
		if (!Files.exists(file)) {
			return Optional.empty();
		}
		String value = Files.readString(file).strip();
		if (value.isEmpty()) {
			throw new IllegalStateException(file + " is empty; it must hold the embedded PostgreSQL's password");
		}
		return Optional.of(new DatabasePassword(value));
	}

	void writeTo(Path dataDirectory) throws IOException {
		OwnerOnlyFiles.writeAtomically(file(dataDirectory), value + "\n");
	}

	@Override
	public String toString() {
		return "DatabasePassword[hidden]";
	}
}
