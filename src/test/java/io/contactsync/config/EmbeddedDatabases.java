package io.contactsync.config;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

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

	/** A connection as the service makes one: as postgres, with the password from the data directory. */
	public static Connection connect(EmbeddedDatabase database) throws SQLException {
		return DriverManager.getConnection(database.jdbcUrl(), EmbeddedDatabase.USER, database.password());
	}

	/**
	 * A connection to the server that runs on the data directory, without opening it (which would wait for a server
	 * still starting): the port from its postmaster.pid, the password from its password file.
	 */
	public static Connection connectToRunning(Path dataDirectory) throws SQLException, IOException {
		EmbeddedDatabase.PostmasterPid running = EmbeddedDatabase.PostmasterPid.read(dataDirectory)
			.orElseThrow(() -> new SQLException("No server runs on " + dataDirectory + " yet"));
		DatabasePassword password = DatabasePassword.read(dataDirectory)
			.orElseThrow(() -> new SQLException("No password file in " + dataDirectory + " yet"));
		return EmbeddedDatabaseAccess.connect(running.port(), password.value());
	}
}
