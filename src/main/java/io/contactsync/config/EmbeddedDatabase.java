package io.contactsync.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL run from the zonky binaries on a data directory that outlives the process.
 *
 * <p>Three situations are handled when it opens: the directory is free (start a server on it); another
 * Contact Sync process owns it, e.g. the server while an operator runs a job from the command line
 * (connect to that server instead of failing); or a process that owned it was killed and left its
 * PostgreSQL behind (stop the orphan, then start afresh). Only a database this process started is stopped
 * by {@link #close()}.
 *
 * <p>Every connection logs in with the password kept in the data directory; {@link EmbeddedDatabaseAccess} says how
 * it gets there.
 */
public final class EmbeddedDatabase implements AutoCloseable {

	static final String USER = "postgres";

	private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

	/** zonky locks this file in the data directory for as long as its owner runs. */
	private static final String OWNER_LOCK_FILE = "epg-lock";

	private static final Duration ORPHAN_STOP_WAIT = Duration.ofSeconds(30);

	private static final int MAX_START_ATTEMPTS = 3;

	private final EmbeddedPostgres server;

	private final int port;

	private final DatabasePassword password;

	private EmbeddedDatabase(EmbeddedPostgres server, int port, DatabasePassword password) {
		this.server = server;
		this.port = port;
		this.password = password;
	}

	static EmbeddedDatabase open(Path dataDirectory, int port) throws IOException {
		Path directory = dataDirectory.toAbsolutePath().normalize();
		Files.createDirectories(directory);
		Optional<PostmasterPid> running = PostmasterPid.read(directory);
		if (running.isPresent() && running.get().isAlive()) {
			if (isOwnedByAnotherProcess(directory)) {
				DatabasePassword password = DatabasePassword.read(directory)
					.orElseThrow(() -> new IllegalStateException("The embedded PostgreSQL in " + directory
							+ " belongs to another process, which made no " + DatabasePassword.FILE_NAME
							+ " there: it is an earlier version of Contact Sync. Stop it, and start this one again."));
				if (!servesDirectory(running.get().port(), directory, password)) {
					throw new IllegalStateException("The embedded PostgreSQL in " + directory + " belongs to another "
							+ "process but does not answer on port " + running.get().port()
							+ "; wait until that process has started, or stop it.");
				}
				log.info("Embedded PostgreSQL in {} is run by another Contact Sync process; connecting to it on port {}",
						directory, running.get().port());
				return new EmbeddedDatabase(null, running.get().port(), password);
			}
			stopOrphan(directory, running.get());
		}
		for (int attempt = 1;; attempt++) {
			EmbeddedDatabaseAccess access = EmbeddedDatabaseAccess.prepare(directory);
			EmbeddedPostgres server = start(directory, port, access);
			if (servesDirectory(server.getPort(), directory, access.password())) {
				secure(server, access);
				log.info("Embedded PostgreSQL started on port {} with data in {}", server.getPort(), directory);
				return new EmbeddedDatabase(server, server.getPort(), access.password());
			}
			// Another PostgreSQL took the port between zonky choosing it and ours binding it, and zonky
			// took that server's answer for ours. Ours never started; try another port.
			server.close();
			if (port != 0 || attempt == MAX_START_ATTEMPTS) {
				throw new IllegalStateException("Port " + server.getPort() + " is taken by another PostgreSQL; "
						+ "set contactsync.embedded-database.port to a free port");
			}
		}
	}

	private static EmbeddedPostgres start(Path directory, int port, EmbeddedDatabaseAccess access) throws IOException {
		return access.start(EmbeddedPostgres.builder()
			.setDataDirectory(directory)
			.setCleanDataDirectory(false)
			.setPort(port)
			// PostgreSQL 17+: Unicode-aware lower() for search whatever the host's locale is.
			.setLocaleConfig("locale-provider", "builtin")
			.setLocaleConfig("builtin-locale", "C.UTF-8")
			.setPGStartupWait(Duration.ofSeconds(60))
			// Spring stops it when the context closes, after running jobs have stopped; zonky's own hook would
			// stop it at once on SIGTERM, under their feet.
			.setRegisterShutdownHook(false));
	}

	/** A server that is running but could not be secured is stopped rather than left open. */
	private static void secure(EmbeddedPostgres server, EmbeddedDatabaseAccess access) throws IOException {
		try {
			access.secure(server.getPort());
		}
		catch (SQLException | IOException | RuntimeException ex) {
			server.close();
			throw new IllegalStateException("Could not make the embedded PostgreSQL ask for a password", ex);
		}
	}

	/** Whether the PostgreSQL on the port is the one whose data lives in the directory. */
	private static boolean servesDirectory(int port, Path directory, DatabasePassword password) {
		try (Connection connection = EmbeddedDatabaseAccess.connect(port, password.value());
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("select current_setting('data_directory')")) {
			return result.next() && Path.of(result.getString(1)).toRealPath().equals(directory.toRealPath());
		}
		catch (SQLException | IOException ex) {
			return false;
		}
	}

	static String url(int port) {
		return "jdbc:postgresql://localhost:" + port + "/postgres";
	}

	String jdbcUrl() {
		return url(port) + "?reWriteBatchedInserts=true";
	}

	/** For the data source; never to be logged. */
	String password() {
		return password.value();
	}

	public int port() {
		return port;
	}

	@Override
	public void close() throws IOException {
		if (server != null) {
			server.close();
		}
	}

	private static boolean isOwnedByAnotherProcess(Path directory) throws IOException {
		Path lockFile = directory.resolve(OWNER_LOCK_FILE);
		if (!Files.exists(lockFile)) {
			return false;
		}
		try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
				FileLock lock = channel.tryLock()) {
			return lock == null;
		}
		catch (OverlappingFileLockException ex) {
			// Another application context in this JVM owns it (tests start several).
			return true;
		}
	}

	private static void stopOrphan(Path directory, PostmasterPid orphan) {
		log.warn("Stopping PostgreSQL (pid {}) left running in {} by a process that ended without stopping it",
				orphan.pid(), directory);
		ProcessHandle process = ProcessHandle.of(orphan.pid()).orElseThrow();
		// SIGTERM asks the postmaster for a smart shutdown; its clients died with their process.
		process.destroy();
		try {
			process.onExit().get(ORPHAN_STOP_WAIT.toSeconds(), TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException("PostgreSQL (pid " + orphan.pid() + ") still runs on " + directory
					+ " and did not stop; stop it by hand and start again", ex);
		}
	}

	/** The first lines of {@code postmaster.pid}: the server's pid and, on the fourth line, its port. */
	record PostmasterPid(long pid, int port) {

		static Optional<PostmasterPid> read(Path directory) {
			Path file = directory.resolve("postmaster.pid");
			if (!Files.exists(file)) {
				return Optional.empty();
			}
			try {
				List<String> lines = Files.readAllLines(file);
				return Optional.of(new PostmasterPid(Long.parseLong(lines.get(0).trim()),
						Integer.parseInt(lines.get(3).trim())));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			catch (RuntimeException ex) {
				// A file cut short by a crash names no live server; PostgreSQL itself will replace it.
				return Optional.empty();
			}
		}

		boolean isAlive() {
			return ProcessHandle.of(pid)
				.filter(ProcessHandle::isAlive)
				.flatMap(process -> process.info().command())
				.filter(command -> command.endsWith("postgres"))
				.isPresent();
		}
	}
}
