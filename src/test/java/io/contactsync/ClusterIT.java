package io.contactsync;

import static io.contactsync.support.PackagedJar.awaitEnd;
import static io.contactsync.support.PackagedJar.awaitHealth;
import static io.contactsync.support.PackagedJar.awaitRequests;
import static io.contactsync.support.PackagedJar.freePort;
import static io.contactsync.support.PackagedJar.get;
import static io.contactsync.support.PackagedJar.launch;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.contactsync.config.EmbeddedDatabases;
import io.contactsync.crm.HubSpotStub;
import io.contactsync.support.PackagedJar;
import io.contactsync.support.PackagedJar.Result;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A manager and workers started from the packaged jar on one embedded database, pushing to a HubSpot stub through
 * remote partitioning: on the manager's own broker with a worker killed mid-push, and on a standalone ActiveMQ
 * Artemis process (the bin distribution Maven unpacks into target/artemis) as production runs it.
 */
class ClusterIT {

	private static final Path ARTEMIS_HOME = Path.of("target", "artemis", "apache-artemis-2.40.0");

	private static final String ARTEMIS_USER = "cluster-it";

	private static final String ARTEMIS_PASSWORD = "artemis-password-for-the-test";

	@TempDir
	Path workDirectory;

	private PackagedJar jar;

	private final List<Process> processes = new ArrayList<>();

	@BeforeEach
	void inTheWorkDirectory() {
		jar = new PackagedJar(workDirectory);
	}

	@AfterEach
	void stopEverything() throws InterruptedException {
		// Workers first, the broker last: the manager owns the database, and a worker's shutdown still talks to both.
		for (int last = processes.size() - 1; last >= 0; last--) {
			processes.get(last).destroy();
			processes.get(last).waitFor(60, TimeUnit.SECONDS);
		}
	}

	/**
	 * A manager and two workers, one worker SIGKILLed while it pushes its partitions: the other worker resumes them,
	 * the run completes, and HubSpot holds every contact in scope exactly once.
	 */
	@Test
	void aClusterFinishesAPushWhoseWorkerWasKilledWithEveryContactInHubSpotOnce() throws Exception {
		HubSpotStub hubspot = new HubSpotStub();
		WireMockServer server = jar.hubSpotPortal(hubspot, 200);
		try {
			generate(16_000, server);
			String broker = "tcp://127.0.0.1:" + freePort();
			int manager = startServer("--contactsync.cluster.mode=manager", "--contactsync.cluster.embedded-broker=" + broker);
			int worker = startServer("--contactsync.cluster.mode=worker", "--spring.artemis.broker-url=" + broker);
			Process killed = processes.get(1);
			startServer("--contactsync.cluster.mode=worker", "--spring.artemis.broker-url=" + broker);
			// A worker serves health and metrics, not the API.
			assertThat(get(worker, "/api/v1/contacts").statusCode()).isEqualTo(404);

			String execution = launch(manager, "crm-push", "{\"target\":\"hubspot\"}");
			// The schema check, then some batches of each worker's partitions.
			awaitRequests(server, 12);
			killed.destroyForcibly().waitFor();

			assertThat(awaitEnd(manager, execution)).as(output(0)).isEqualTo("COMPLETED");
			assertThat(output(2)).contains("Executing step: [pushContactsPartition");
			assertEveryContactInHubSpotOnce(hubspot);
		}
		finally {
			server.stop();
		}
	}

	/**
	 * A manager and a worker on a broker neither of them runs — a standalone Artemis that requires a login — push
	 * every contact once, the partitions run by the worker.
	 */
	@Test
	void aManagerAndAWorkerOnAStandaloneArtemisPushEveryContactOnce() throws Exception {
		HubSpotStub hubspot = new HubSpotStub();
		WireMockServer server = jar.hubSpotPortal(hubspot, 50);
		try {
			int brokerPort = startArtemis();
			jar.environment().put("SPRING_ARTEMIS_BROKER_URL", "tcp://127.0.0.1:" + brokerPort);
			jar.environment().put("SPRING_ARTEMIS_USER", ARTEMIS_USER);
			jar.environment().put("SPRING_ARTEMIS_PASSWORD", ARTEMIS_PASSWORD);
			generate(4_000, server);
			int manager = startServer("--contactsync.cluster.mode=manager");
			startServer("--contactsync.cluster.mode=worker");

			String execution = launch(manager, "crm-push", "{\"target\":\"hubspot\"}");

			assertThat(awaitEnd(manager, execution)).as(output(1)).isEqualTo("COMPLETED");
			assertThat(output(2)).contains("Executing step: [pushContactsPartition");
			assertThat(output(1)).doesNotContain("Executing step: [pushContactsPartition");
			assertThat(partitionRequestsAdded(brokerPort)).as("partition requests through the standalone broker")
				.isPositive();
			assertEveryContactInHubSpotOnce(hubspot);
		}
		finally {
			server.stop();
		}
	}

	private void generate(int contacts, WireMockServer hubspot) throws Exception {
		Result generated = jar.run("run", "generate", "contacts=" + contacts);
		assertThat(generated.exitCode()).as(generated.output()).isZero();
		jar.environment().put("HUBSPOT_ACCESS_TOKEN", "pat-na1-cluster-push");
		jar.environment().put("HUBSPOT_BASE_URL", hubspot.baseUrl());
	}

	/** Starts a server with these arguments and waits until it is healthy; answers its port. */
	private int startServer(String... arguments) throws Exception {
		int port = freePort();
		List<String> command = new ArrayList<>(List.of("--server.port=" + port, "--contactsync.scheduler.enabled=false"));
		command.addAll(List.of(arguments));
		processes.add(jar.start(command.toArray(String[]::new)));
		awaitHealth(port);
		return port;
	}

	/** Creates an Artemis instance in the work directory, requiring a login, and runs it; answers its port. */
	private int startArtemis() throws Exception {
		int port = freePort();
		Path instance = workDirectory.resolve("artemis");
		Process created = new ProcessBuilder("sh", ARTEMIS_HOME.resolve("bin/artemis").toString(), "create",
				instance.toString(), "--silent", "--no-web", "--require-login", "--user", ARTEMIS_USER,
				"--password", ARTEMIS_PASSWORD,
				"--host", "127.0.0.1", "--default-port", String.valueOf(port), "--no-amqp-acceptor",
				"--no-mqtt-acceptor", "--no-stomp-acceptor", "--no-hornetq-acceptor", "--no-autotune",
				"--java-memory", "512M")
			.redirectErrorStream(true)
			.redirectOutput(workDirectory.resolve("artemis-create.txt").toFile())
			.start();
		assertThat(created.waitFor(120, TimeUnit.SECONDS)).isTrue();
		assertThat(created.exitValue()).as(Files.readString(workDirectory.resolve("artemis-create.txt"))).isZero();
		processes.add(new ProcessBuilder("sh", instance.resolve("bin/artemis").toString(), "run")
			.redirectErrorStream(true)
			.redirectOutput(workDirectory.resolve("artemis-run.txt").toFile())
			.start());
		awaitListening(port);
		return port;
	}

	/** The broker's own count of messages added to the partition queue, from its command line tool. */
	private long partitionRequestsAdded(int port) throws Exception {
		Path stats = workDirectory.resolve("artemis-queue-stat.txt");
		Process stat = new ProcessBuilder("sh", workDirectory.resolve("artemis/bin/artemis").toString(), "queue", "stat",
				"--queueName", "contactsync.partitions", "--user", ARTEMIS_USER, "--password", ARTEMIS_PASSWORD, "--url",
				"tcp://127.0.0.1:" + port)
			.redirectErrorStream(true)
			.redirectOutput(stats.toFile())
			.start();
		assertThat(stat.waitFor(60, TimeUnit.SECONDS)).isTrue();
		// |NAME|ADDRESS|CONSUMER COUNT|MESSAGE COUNT|MESSAGES ADDED|...
		return Files.readAllLines(stats).stream().filter(line -> line.startsWith("|contactsync.partitions"))
			.map(line -> line.split("\\|")[5].trim()).mapToLong(Long::parseLong).findFirst()
			.orElseThrow(() -> new AssertionError("no partition queue in " + stats));
	}

	private static void awaitListening(int port) throws Exception {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
		while (Instant.now().isBefore(deadline)) {
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
				return;
			}
			catch (IOException notYet) {
				Thread.sleep(250);
			}
		}
		throw new AssertionError("Artemis did not listen on " + port + " within 120 s");
	}

	/** Every contact in HubSpot's scope synced to a record of its own, and HubSpot holding exactly those records. */
	private void assertEveryContactInHubSpotOnce(HubSpotStub hubspot) throws Exception {
		try (Connection connection = EmbeddedDatabases.connectToRunning(workDirectory.resolve("data/postgres"));
				ResultSet links = connection.createStatement().executeQuery("select count(*) filter (where status "
						+ "= 'synced'), count(distinct crm_id) filter (where status = 'synced'), count(*) filter (where "
						+ "status not in ('synced', 'shared')) from crm_link where target = 'hubspot'")) {
			links.next();
			assertThat(links.getLong(1)).isGreaterThan(1_000).isEqualTo(links.getLong(2))
				.isEqualTo(hubspot.records().size());
			assertThat(links.getLong(3)).as("links neither synced nor shared").isZero();
		}
	}

	/** What the n-th started process (the broker counts) printed. */
	private String output(int process) throws IOException {
		Process started = processes.get(process);
		Path output = jar.outputOf(started);
		return output == null ? Files.readString(workDirectory.resolve("artemis-run.txt")) : Files.readString(output);
	}
}
