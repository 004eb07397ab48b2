package io.contactsync.config;

import java.io.IOException;
import java.nio.file.Path;

/** Lets tests outside this package open the embedded database of a data directory, as the service does. */
public final class EmbeddedDatabases {

	private EmbeddedDatabases() {
	}

	public static EmbeddedDatabase open(Path dataDirectory) throws IOException {
		return EmbeddedDatabase.open(dataDirectory, 0);
	}

	public static String jdbcUrl(EmbeddedDatabase database) {
		return database.jdbcUrl();
	}
}
