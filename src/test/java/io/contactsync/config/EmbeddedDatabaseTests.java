package io.contactsync.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.contactsync.ContactSyncApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The embedded default: data that outlives the process, and no PostgreSQL left behind. */
class EmbeddedDatabaseTests {

	@TempDir
	Path workDirectory;

	@Test
	void keepsTheDataAcrossARestartAndLeavesNoServerRunning() throws Exception {
		Path data = workDirectory.resolve("data/postgres");
		int port;
		try (ConfigurableApplicationContext app = start(data)) {
			port = app.getBean(EmbeddedDatabase.class).port();
			app.getBean(JdbcClient.class)
				.sql("insert into contact (name, channel) values ('Kept Across Restarts', 'telegram')")
				.update();
		}
		assertThat(data.resolve("postmaster.pid")).doesNotExist();
		assertThat(accepts(port)).isFalse();

		try (ConfigurableApplicationContext app = start(data)) {
			List<String> names = app.getBean(JdbcClient.class).sql("select name from contact").query(String.class).list();
			assertThat(names).containsExactly("Kept Across Restarts");
		}
	}

	@Test
	void connectsToTheServerOfAnotherProcessOnTheSameDirectoryAndLeavesItRunning() throws Exception {
		Path data = workDirectory.resolve("shared");
		try (EmbeddedDatabase owner = EmbeddedDatabase.open(data, 0)) {
			try (EmbeddedDatabase guest = EmbeddedDatabase.open(data, 0)) {
				assertThat(guest.port()).isEqualTo(owner.port());
			}
			assertThat(accepts(owner.port())).isTrue();
		}
	}

	@Test
	void stopsAServerLeftBehindByAKilledProcessAndStartsAfresh() throws Exception {
		Path data = workDirectory.resolve("orphaned");
		Process killed = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
				System.getProperty("java.class.path"), OrphanMaker.class.getName(), data.toString())
			.inheritIO()
			.start();
		assertThat(killed.waitFor(120, TimeUnit.SECONDS)).isTrue();
		long orphanPid = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
		assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive)).contains(true);

		try (EmbeddedDatabase database = EmbeddedDatabase.open(data, 0)) {
			assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
			assertThat(accepts(database.port())).isTrue();
		}
	}

	private static ConfigurableApplicationContext start(Path data) {
		return new SpringApplicationBuilder(ContactSyncApplication.class).web(WebApplicationType.NONE)
			.run("--contactsync.embedded-database.data-directory=" + data);
	}

	private static boolean accepts(int port) {
		try (Socket socket = new Socket("localhost", port)) {
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/** Starts the embedded database and dies at once, as a killed JVM would, without stopping it. */
	static final class OrphanMaker {

		public static void main(String[] args) throws Exception {
			EmbeddedDatabase.open(Path.of(args[0]), 0);
			Runtime.getRuntime().halt(0);
		}
	}
}
