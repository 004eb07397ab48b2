package io.contactsync.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may connect to the embedded PostgreSQL: whoever has the password kept in its data directory, over the loopback
 * interface or the Unix socket, and nobody else.
 *
 * <p>A new data directory is made that way by initdb itself, so its server never runs a moment without a password.
 * One made by an earlier version, whose pg_hba.conf trusted every local connection, is upgraded when it starts: the
 * password is written to its file first, then set on the role over a connection that the old rules still let in,
 * and only then are the rules replaced and reloaded. A start killed anywhere in between finds the old rules and the
 * same password file again and does the rest, so the upgrade can neither half-happen nor lock the data away.
 */
final class EmbeddedDatabaseAccess {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseAccess.class);

	private static final String SCRAM = "scram-sha-256";

	/** Reloaded rules apply as soon as the postmaster has read them, which is at once; this is a generous bound. */
	private static final Duration RELOAD_WAIT = Duration.ofSeconds(10);

	private final Path directory;

	private final DatabasePassword password;

	private final boolean newDirectory;

	private EmbeddedDatabaseAccess(Path directory, DatabasePassword password, boolean newDirectory) {
		this.directory = directory;
		this.password = password;
		this.newDirectory = newDirectory;
	}

	/** What the next start of a server on the directory logs in with; writes the password file of an upgrade. */
	static EmbeddedDatabaseAccess prepare(Path directory) throws IOException {
		// zonky runs initdb exactly when this file is missing.
		if (!Files.exists(directory.resolve("postgresql.conf"))) {
			return new EmbeddedDatabaseAccess(directory, DatabasePassword.generate(), true);
		}
		var stored = DatabasePassword.read(directory);
		if (stored.isPresent()) {
			if (OwnerOnlyFiles.restrict(DatabasePassword.file(directory))) {
				log.warn("{} could be read by others; it is owner-only again", DatabasePassword.file(directory));
			}
			return new EmbeddedDatabaseAccess(directory, stored.get(), false);
		}
		if (!ClientAuthentication.trustsSomeone(directory)) {
			throw new IllegalStateException("The embedded PostgreSQL in " + directory + " asks for a password, but "
					+ DatabasePassword.file(directory) + ", which holds it, is missing. Put that file back, or delete "
					+ "the directory if its data is not needed.");
		}
		log.info("The embedded PostgreSQL in {} was made by an earlier version, which let every local user in "
				+ "without a password; it now gets one, kept in {}", directory, DatabasePassword.file(directory));
		DatabasePassword made = DatabasePassword.generate();
		made.writeTo(directory);
		return new EmbeddedDatabaseAccess(directory, made, false);
	}

	DatabasePassword password() {
		return password;
	}

	/** Starts the server that the builder describes, listening on loopback only and, if new, made with the password. */
	EmbeddedPostgres start(EmbeddedPostgres.Builder builder) throws IOException {
		// On the command line, so that neither postgresql.conf nor ALTER SYSTEM can open it to the network.
		builder.setServerConfig("listen_addresses", "localhost")
			// zonky's check that the server is up logs in as well.
			.setConnectConfig("password", password.value());
		if (!newDirectory) {
			return builder.start();
		}
		// initdb wants an empty data directory, so the password it sets comes from a file outside it.
		Path initdbPassword = OwnerOnlyFiles.writeTemporary("contact-sync-initdb", password.value() + "\n");
		try {
			return builder
				// After zonky's own "-A trust" on initdb's command line, and the later option wins.
				.setLocaleConfig("auth", SCRAM)
				.setLocaleConfig("pwfile", initdbPassword.toString())
				// Runs after initdb, before the server starts.
				.setDataDirectoryCustomizer(initialised -> writeNewDirectoryFiles(initdbPassword))
				.start();
		}
		finally {
			Files.deleteIfExists(initdbPassword);
		}
	}

	private void writeNewDirectoryFiles(Path initdbPassword) {
		try {
			password.writeTo(directory);
			ClientAuthentication.write(directory);
			Files.deleteIfExists(initdbPassword);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Once the started server is known to be ours: if its rules are not the ones that ask everyone for the password,
	 * sets the password on the role and replaces the rules.
	 */
	void secure(int port) throws IOException, SQLException {
		if (ClientAuthentication.isWritten(directory)) {
			return;
		}
		try (Connection connection = connect(port, password.value());
				Statement statement = connection.createStatement()) {
			// pgjdbc hashes it for SCRAM itself: the server never sees the password, so none of its logs can show it.
			connection.unwrap(PGConnection.class).alterUserPassword(EmbeddedDatabase.USER, password.value().toCharArray(),
					SCRAM);
			ClientAuthentication.write(directory);
			statement.execute("select pg_reload_conf()");
		}
		awaitPasswordRequired(port);
		log.info("The embedded PostgreSQL in {} asks every connection for the password in {}", directory,
				DatabasePassword.file(directory));
	}

	/** The reload is a signal to the postmaster; proves that it has taken the new rules before anyone relies on them. */
	private static void awaitPasswordRequired(int port) throws SQLException {
		Instant deadline = Instant.now().plus(RELOAD_WAIT);
		while (Instant.now().isBefore(deadline)) {
			try (Connection stillTrusted = connect(port, null)) {
				Thread.sleep(100);
			}
			catch (SQLException refused) {
				return;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		throw new IllegalStateException("The embedded PostgreSQL on port " + port + " still lets connections in "
				+ "without a password after its pg_hba.conf was replaced; see its log");
	}

	static Connection connect(int port, String password) throws SQLException {
		return DriverManager.getConnection(EmbeddedDatabase.url(port), EmbeddedDatabase.USER, password);
	}
}
