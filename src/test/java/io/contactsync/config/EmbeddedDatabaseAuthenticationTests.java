package io.contactsync.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Nobody connects to the embedded PostgreSQL without the password kept in its data directory, and a directory that
 * an earlier version made to trust every local connection is made to ask for it.
 *
 * <p>One server made afresh for the class, rather than the shared test database: that one may have been made by an
 * earlier version and upgraded, and these tests are about a new one. The upgrade tests copy one directory made the
 * old way, so that each costs one start and no initdb.
 */
@ExtendWith(OutputCaptureExtension.class)
class EmbeddedDatabaseAuthenticationTests {

	@TempDir
	static Path directories;

	static Path data;

	static EmbeddedDatabase database;

	/** A data directory as Contact Sync made it before passwords: initdb's trust rules, no password on the role. */
	static Path legacy;

	@BeforeAll
	static void startAServerAndMakeADirectoryTheOldWay() throws IOException, SQLException {
		data = directories.resolve("new");
		database = EmbeddedDatabase.open(data, 0);

		legacy = directories.resolve("legacy");
		try (EmbeddedPostgres old = EmbeddedPostgres.builder()
			.setDataDirectory(legacy)
			.setCleanDataDirectory(false)
			.setLocaleConfig("locale-provider", "builtin")
			.setLocaleConfig("builtin-locale", "C.UTF-8")
			.setRegisterShutdownHook(false)
			.start();
				Connection connection = DriverManager.getConnection(EmbeddedDatabase.url(old.getPort()), "postgres", "");
				Statement statement = connection.createStatement()) {
			statement.execute("create table kept (note text)");
			statement.execute("insert into kept values ('written before passwords')");
		}
		assertThat(ClientAuthentication.trustsSomeone(legacy)).isTrue();
	}

	@AfterAll
	static void stop() throws IOException {
		database.close();
	}

	@Test
	void refusesAConnectionWithoutAPassword() {
		assertThatThrownBy(() -> DriverManager.getConnection(EmbeddedDatabase.url(database.port()), "postgres", null)
			.close()).isInstanceOf(SQLException.class).hasMessageContaining("password");
	}

	@Test
	void refusesAWrongPassword() {
		assertThatThrownBy(() -> DriverManager.getConnection(EmbeddedDatabase.url(database.port()), "postgres",
				"not-" + database.password()).close())
			.isInstanceOf(SQLException.class)
			.extracting(ex -> ((SQLException) ex).getSQLState()).isEqualTo("28P01");
	}

	@Test
	void acceptsThePasswordKeptInTheDataDirectoryAndUsedByTheService() throws Exception {
		DatabasePassword stored = DatabasePassword.read(data).orElseThrow();
		assertThat(stored.value()).hasSize(32).matches("[A-Za-z0-9_-]+").isEqualTo(database.password());
		assertThat(stored.toString()).doesNotContain(stored.value());

		assertThat(query(database.port(), stored.value(), "select current_user")).isEqualTo("postgres");
	}

	@Test
	void keepsThePasswordOwnerOnlyAndTrustsNoOne() throws Exception {
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(DatabasePassword.file(data))))
			.isEqualTo("rw-------");
		assertThat(ClientAuthentication.isWritten(data)).isTrue();
		assertThat(Files.readAllLines(data.resolve("pg_hba.conf"))).noneMatch(line -> line.contains("trust"));
		assertThat(data).isDirectoryNotContaining("glob:**/*.new");
	}

	@Test
	void listensOnTheLoopbackInterfaceOnlyWhateverItsConfigurationFilesSay() throws Exception {
		assertThat(query(database.port(), database.password(),
				"select setting || ' from ' || source from pg_settings where name = 'listen_addresses'"))
			.isEqualTo("localhost from command line");
	}

	@Test
	void aCommandInAnotherProcessReadsThePasswordFromTheDataDirectory() throws Exception {
		Process guest = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
				System.getProperty("java.class.path"), Guest.class.getName(), data.toString())
			.redirectErrorStream(true)
			.start();
		String output = new String(guest.getInputStream().readAllBytes());
		assertThat(guest.waitFor(120, TimeUnit.SECONDS)).isTrue();

		assertThat(guest.exitValue()).as(output).isZero();
		assertThat(output).contains("connected to " + data.toRealPath()).doesNotContain(database.password());
	}

	@Test
	void upgradesADirectoryMadeWithoutPasswordsAndKeepsItsData(CapturedOutput output) throws Exception {
		Path upgraded = copy(legacy, directories.resolve("upgraded"));

		try (EmbeddedDatabase opened = EmbeddedDatabase.open(upgraded, 0)) {
			String password = DatabasePassword.read(upgraded).orElseThrow().value();
			assertThat(opened.password()).isEqualTo(password);
			assertThat(query(opened.port(), password, "select note from kept")).isEqualTo("written before passwords");
			assertThatThrownBy(() -> DriverManager.getConnection(EmbeddedDatabase.url(opened.port()), "postgres", null)
				.close()).isInstanceOf(SQLException.class);
			assertThat(ClientAuthentication.trustsSomeone(upgraded)).isFalse();
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(DatabasePassword.file(upgraded))))
				.isEqualTo("rw-------");
			assertThat(output.getAll()).doesNotContain(password);
		}
	}

	/** Killed after writing the password file but before setting it on the role: the next start finishes the job. */
	@Test
	void finishesAnUpgradeThatWasKilledHalfWay() throws Exception {
		Path resumed = copy(legacy, directories.resolve("resumed"));
		DatabasePassword written = new DatabasePassword("written-by-the-killed-start-0123");
		written.writeTo(resumed);

		try (EmbeddedDatabase opened = EmbeddedDatabase.open(resumed, 0)) {
			assertThat(opened.password()).isEqualTo(written.value());
			assertThat(query(opened.port(), written.value(), "select note from kept")).isEqualTo("written before passwords");
			assertThatThrownBy(() -> DriverManager.getConnection(EmbeddedDatabase.url(opened.port()), "postgres", null)
				.close()).isInstanceOf(SQLException.class);
			assertThat(ClientAuthentication.isWritten(resumed)).isTrue();
		}
	}

	@Test
	void refusesToStartADirectoryThatAsksForAPasswordItNoLongerHas() throws Exception {
		Path lost = Files.createDirectories(directories.resolve("lost"));
		Files.writeString(lost.resolve("postgresql.conf"), "");
		ClientAuthentication.write(lost);

		assertThatThrownBy(() -> EmbeddedDatabase.open(lost, 0)).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("contact-sync.password, which holds it, is missing");
		assertThat(lost.resolve("postmaster.pid")).doesNotExist();
	}

	private static String query(int port, String password, String sql) throws SQLException {
		try (Connection connection = EmbeddedDatabaseAccess.connect(port, password);
				ResultSet result = connection.createStatement().executeQuery(sql)) {
			assertThat(result.next()).isTrue();
			return result.getString(1);
		}
	}

	/** Copies a stopped data directory with its permissions, which PostgreSQL checks. */
	private static Path copy(Path from, Path to) throws IOException {
		try (Stream<Path> files = Files.walk(from)) {
			for (Path file : (Iterable<Path>) files::iterator) {
				Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
			}
		}
		return to;
	}

	/** A second process, as `run` beside the server is: told only the data directory. */
	static final class Guest {

		public static void main(String[] args) throws Exception {
			Path directory = Path.of(args[0]);
			try (EmbeddedDatabase guest = EmbeddedDatabase.open(directory, 0);
					Connection connection = EmbeddedDatabases.connect(guest);
					ResultSet result = connection.createStatement()
						.executeQuery("select current_setting('data_directory')")) {
				result.next();
				System.out.println("connected to " + Path.of(result.getString(1)).toRealPath());
			}
			System.exit(0);
		}
	}
}
