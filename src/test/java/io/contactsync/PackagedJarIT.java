package io.contactsync;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.contactsync.config.EmbeddedDatabase;
import io.contactsync.config.EmbeddedDatabases;
import io.contactsync.crm.HubSpotStub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * target/contact-sync.jar as a new user runs it: jobs from the command line with their exit codes, and
 * the server on the embedded database, stopped with SIGTERM and leaving no PostgreSQL behind.
 */
class PackagedJarIT {

	private static final Path JAR = Path.of("target", "contact-sync.jar");

	private static final String TOKEN = "packaged-jar-test-token-0123456789";

	@TempDir
	Path workDirectory;

	private final Map<Process, Path> outputs = new HashMap<>();

	/** Environment variables the processes of a test get besides the admin token. */
	private final Map<String, String> environment = new HashMap<>();

	@Test
	void runsAJobPrintsItsStepsAndExitsZeroThenAddsNothingTheSecondTime() throws Exception {
		Result first = java("run", "generate", "contacts=30", "seed=5");
		assertThat(first.exitCode()).as(first.output()).isZero();
		assertThat(first.output()).containsPattern("generateContacts\\s+COMPLETED\\s+30\\s+30\\s+0");

		Result second = java("run", "generate", "contacts=30", "seed=5");
		assertThat(second.exitCode()).as(second.output()).isZero();
		assertThat(second.output()).containsPattern("generateContacts\\s+COMPLETED\\s+30\\s+0\\s+30");
		assertThat(workDirectory.resolve("data/postgres/postmaster.pid")).doesNotExist();
	}

	@Test
	void theQuickStartsFirstCommandPlansARealPushOfTheSamples() throws Exception {
		for (String folder : List.of("jobs", "mappings", "samples")) {
			copyFolder(Path.of(folder), workDirectory.resolve(folder));
		}

		Result first = java("run", "nightly-sync", "capture-import.input=samples", "asOf=2025-09-01");

		assertThat(first.exitCode()).as(first.output()).isZero();
		Matcher planned = Pattern
			.compile("hubspot plan: (\\d+) to create").matcher(first.output());
		assertThat(planned.find()).as(first.output()).isTrue();
		assertThat(Integer.parseInt(planned.group(1))).isPositive();
		Matcher bodies = Pattern
			.compile("their exact bodies in (\\S+crm-push-\\d+-dry-run\\.jsonl)").matcher(first.output());
		assertThat(bodies.find()).as(first.output()).isTrue();
		assertThat(Files.readString(workDirectory.resolve(bodies.group(1)))).contains("\"target\":\"hubspot\"")
			.contains("olivia.bennett@example.com");
		assertThat(first.output()).containsPattern("in (\\S+crm-push-\\d+-plan\\.jsonl)");
	}

	@Test
	void validateStopsOnABadMappingFileNamingItsLine() throws Exception {
		editedCopy("mappings/hubspot.yml", "source: email", "source: emial");

		Result validate = java("run", "validate");

		assertThat(validate.exitCode()).isEqualTo(1);
		assertThat(validate.output()).contains("Mapping files have 1 problem; fix them and start again")
			.containsPattern("hubspot\\.yml:\\d+: unknown source field 'emial'");
	}

	@Test
	void validateStopsOnBadDedupRulesNamingTheLineAndTheFix() throws Exception {
		editedCopy("jobs/dedup.yml", "autoMerge: 0.99", "autoMerge: 1.5");

		Result validate = java("run", "validate");

		assertThat(validate.exitCode()).isEqualTo(1);
		assertThat(validate.output()).contains("The dedup rules have 1 problem")
			.containsPattern("jobs/dedup\\.yml:\\d+: thresholds.autoMerge must be from 0 to 1, not 1.5");
	}

	@Test
	void aBadCronStopsTheStartNamingTheFileAndLine() throws Exception {
		editedCopy("jobs/nightly-sync.yml", "cron: \"0 0 2 * * *\"", "cron: \"0 0 2 * *\"");

		Result validate = java("run", "validate");

		assertThat(validate.exitCode()).isEqualTo(1);
		assertThat(validate.output()).contains("Job files have 1 problem; fix them and start again")
			.containsPattern("jobs/nightly-sync\\.yml:\\d+: cron '0 0 2 \\* \\*' is not valid");
	}

	@Test
	void exitsTwoOnAnUnknownJobOrBadParameter() throws Exception {
		Result unknown = java("run", "frobnicate");
		assertThat(unknown.exitCode()).isEqualTo(2);
		assertThat(unknown.output()).contains("Unknown job 'frobnicate'; the jobs are capture-import, copy-baseline, crm-push, dedup, dedup-evaluate, dedup-sample, export, generate, generate-captures, lead-scoring, nightly-sync, retention.");

		Result bad = java("run", "generate", "contacts=lots");
		assertThat(bad.exitCode()).isEqualTo(2);
		assertThat(bad.output()).contains("contacts must be a whole number, not 'lots'.");
	}

	@Test
	void servesTheApiBesideAJobRunAndStopsItsDatabaseOnSigterm() throws Exception {
		int port = freePort();
		Process server = start("--server.port=" + port);
		try {
			awaitHealth(port);
			Result job = java("run", "generate", "contacts=12");
			assertThat(job.exitCode()).as(job.output()).isZero();

			HttpResponse<String> contacts = get(port, "/api/v1/contacts?size=5");
			assertThat(contacts.statusCode()).isEqualTo(200);
			assertThat(contacts.body()).contains("\"total\":12");
			// Outside the dev profile the demo jobs are the command line's only, and unknown over HTTP.
			HttpResponse<String> demo = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
					"http://localhost:" + port + "/api/v1/jobs/generate/executions"))
				.header("Authorization", "Bearer " + TOKEN)
				.POST(HttpRequest.BodyPublishers.noBody())
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(demo.statusCode()).isEqualTo(404);
			assertThat(get(port, "/api/v1/jobs").body()).contains("nightly-sync").doesNotContain("generate");
		}
		finally {
			server.destroy();
			assertThat(server.waitFor(60, TimeUnit.SECONDS)).isTrue();
		}
		assertThat(workDirectory.resolve("data/postgres/postmaster.pid")).doesNotExist();
	}

	/**
	 * The JVM killed with SIGKILL in the middle of an import, and the same command run again: it resumes
	 * and ends with exactly the rows of an uninterrupted import of the same file.
	 */
	@Test
	void resumesAnImportKilledHalfWayToExactlyTheRowsOfAnUninterruptedOne() throws Exception {
		Path events = workDirectory.resolve("events.jsonl");
		Result generated = java("run", "generate-captures", "output=" + events, "events=200000", "visitors=20000",
				"conversations=40000", "--contactsync.embedded-database.data-directory=generator");
		assertThat(generated.exitCode()).as(generated.output()).isZero();

		Result uninterrupted = java("run", "capture-import", "input=" + events,
				"--contactsync.embedded-database.data-directory=uninterrupted");
		assertThat(uninterrupted.exitCode()).as(uninterrupted.output()).isZero();

		Process killed = start("run", "capture-import", "input=" + events,
				"--contactsync.embedded-database.data-directory=killed");
		awaitStagedRows(workDirectory.resolve("killed"));
		killed.destroyForcibly().waitFor();
		assertThat(Files.readString(outputOf(killed))).doesNotContain("Job capture-import");

		Result resumed = java("run", "capture-import", "input=" + events,
				"--contactsync.embedded-database.data-directory=killed");
		assertThat(resumed.exitCode()).as(resumed.output()).isZero();
		assertThat(resumed.output()).contains("Job capture-import, execution 2: COMPLETED");

		assertThat(fingerprint(workDirectory.resolve("killed"))).isEqualTo(fingerprint(workDirectory.resolve("uninterrupted")));
	}

	/**
	 * SIGTERM in the middle of a run: the run stops at a chunk boundary, is recorded STOPPED, and `run restart`
	 * takes it to exactly the rows of an uninterrupted run. Progress lines show while it works.
	 */
	@Test
	void sigtermStopsARunSoThatRestartFinishesIt() throws Exception {
		Process stopped = start("run", "generate", "contacts=60000", "--contactsync.progress-interval=1s");
		awaitOutput(stopped, "› generateContacts: ");
		stopped.destroy();
		assertThat(stopped.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(Files.readString(outputOf(stopped))).contains("Job generate, execution 1: STOPPED")
			.contains("`run restart 1`");

		Result restarted = java("run", "restart", "1");

		assertThat(restarted.exitCode()).as(restarted.output()).isZero();
		assertThat(restarted.output()).contains("Job generate, execution 2: COMPLETED");
		try (EmbeddedDatabase database = EmbeddedDatabases.open(workDirectory.resolve("data/postgres"));
				Connection connection = EmbeddedDatabases.connect(database);
				ResultSet contacts = connection.createStatement().executeQuery("select count(*) from contact")) {
			contacts.next();
			assertThat(contacts.getLong(1)).isEqualTo(60_000);
		}
	}

	private void awaitOutput(Process process, String text) throws Exception {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
		while (Instant.now().isBefore(deadline)) {
			if (Files.readString(outputOf(process)).contains(text)) {
				return;
			}
			Thread.sleep(100);
		}
		throw new AssertionError("No '" + text + "' within 120 s:\n" + Files.readString(outputOf(process)));
	}

	/**
	 * crm-push killed with SIGKILL while HubSpot is taking its batches, then run again: every contact in
	 * scope ends in HubSpot exactly once, and every one is recorded as synced.
	 */
	@Test
	void resumesAPushKilledHalfWayWithEveryContactInHubSpotOnce() throws Exception {
		HubSpotStub hubspot = new HubSpotStub();
		WireMockServer server = hubSpotPortal(hubspot, 300);
		try {
			Result generated = java("run", "generate", "contacts=4000");
			assertThat(generated.exitCode()).as(generated.output()).isZero();
			environment.put("HUBSPOT_ACCESS_TOKEN", "pat-na1-killed-push");
			environment.put("HUBSPOT_BASE_URL", server.baseUrl());

			Process killed = start("run", "crm-push", "target=hubspot");
			// The schema check's properties read, then three batches taken.
			awaitRequests(server, 4);
			killed.destroyForcibly().waitFor();
			assertThat(Files.readString(outputOf(killed))).doesNotContain("Job crm-push");

			Result resumed = java("run", "crm-push", "target=hubspot");
			assertThat(resumed.exitCode()).as(resumed.output()).isZero();
			long inScope = Long.parseLong(resumed.output().replaceAll("(?s).*?(\\d+) created.*", "$1"))
					+ Long.parseLong(resumed.output().replaceAll("(?s).*?(\\d+) updated.*", "$1"))
					+ Long.parseLong(resumed.output().replaceAll("(?s).*?(\\d+) unchanged.*", "$1"))
					+ Long.parseLong(resumed.output().replaceAll("(?s).*?(\\d+) failed.*", "$1"));
			assertThat(inScope).isGreaterThan(1_000);
			// Every contact in scope is synced to a record of its own that HubSpot holds, or kept back because a
			// contact of the same email (a duplicate in the store) holds that record; none failed, none is twice.
			try (EmbeddedDatabase database = EmbeddedDatabases.open(workDirectory.resolve("data/postgres"));
					Connection connection = EmbeddedDatabases.connect(database);
					ResultSet links = connection.createStatement().executeQuery("select count(*) filter (where status "
							+ "= 'synced'), count(*) filter (where status = 'shared'), count(distinct crm_id), count(*) "
							+ "from crm_link where target = 'hubspot'")) {
				links.next();
				assertThat(links.getLong(1) + links.getLong(2)).isEqualTo(inScope).isEqualTo(links.getLong(4));
				assertThat(links.getLong(1)).isEqualTo(links.getLong(3)).isEqualTo(hubspot.records().size());
			}
		}
		finally {
			server.stop();
		}
	}

	/**
	 * A manager and two workers from the jar, one worker SIGKILLed while it pushes its partitions: the other worker
	 * resumes them, the run completes, and HubSpot holds every contact in scope exactly once.
	 */
	@Test
	void aClusterFinishesAPushWhoseWorkerWasKilledWithEveryContactInHubSpotOnce() throws Exception {
		HubSpotStub hubspot = new HubSpotStub();
		WireMockServer server = hubSpotPortal(hubspot, 200);
		List<Process> cluster = new ArrayList<>();
		try {
			Result generated = java("run", "generate", "contacts=16000");
			assertThat(generated.exitCode()).as(generated.output()).isZero();
			environment.put("HUBSPOT_ACCESS_TOKEN", "pat-na1-cluster-push");
			environment.put("HUBSPOT_BASE_URL", server.baseUrl());
			int managerPort = freePort();
			String broker = "tcp://127.0.0.1:" + freePort();
			cluster.add(start("--server.port=" + managerPort, "--contactsync.cluster.mode=manager",
					"--contactsync.cluster.embedded-broker=" + broker, "--contactsync.scheduler.enabled=false"));
			awaitHealth(managerPort);
			List<Integer> workerPorts = List.of(freePort(), freePort());
			for (int port : workerPorts) {
				cluster.add(start("--server.port=" + port, "--contactsync.cluster.mode=worker",
						"--spring.artemis.broker-url=" + broker));
			}
			for (int port : workerPorts) {
				awaitHealth(port);
			}
			// A worker serves health and metrics, not the API.
			assertThat(get(workerPorts.get(0), "/api/v1/contacts").statusCode()).isEqualTo(404);

			HttpResponse<String> launched = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
					"http://localhost:" + managerPort + "/api/v1/jobs/crm-push/executions"))
				.header("Authorization", "Bearer " + TOKEN)
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"target\":\"hubspot\"}"))
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(launched.statusCode()).as(launched.body()).isEqualTo(202);
			String execution = launched.body().replaceAll("(?s)^\\{\"id\":(\\d+).*", "$1");
			// The schema check, then some batches of each worker's partitions.
			awaitRequests(server, 12);
			cluster.get(1).destroyForcibly().waitFor();

			String status = awaitEnd(managerPort, execution);
			assertThat(status).as(Files.readString(outputOf(cluster.get(0)))).isEqualTo("COMPLETED");
			assertThat(Files.readString(outputOf(cluster.get(2)))).contains("Executing step");
			try (Connection connection = EmbeddedDatabases.connectToRunning(workDirectory.resolve("data/postgres"));
					ResultSet links = connection.createStatement().executeQuery("select count(*) filter (where status "
							+ "= 'synced'), count(distinct crm_id) filter (where status = 'synced'), count(*) filter (where "
							+ "status not in ('synced', 'shared')) from crm_link where target = 'hubspot'")) {
				links.next();
				assertThat(links.getLong(1)).isGreaterThan(5_000).isEqualTo(links.getLong(2))
					.isEqualTo(hubspot.records().size());
				assertThat(links.getLong(3)).as("links neither synced nor shared").isZero();
			}
		}
		finally {
			cluster.forEach(Process::destroy);
			for (Process process : cluster) {
				process.waitFor(60, TimeUnit.SECONDS);
			}
			server.stop();
		}
	}

	/**
	 * A started HubSpot stub holding its records in {@code hubspot}, taking batches after {@code latencyMillis}, and
	 * the shipped HubSpot mapping in the work directory.
	 */
	private WireMockServer hubSpotPortal(HubSpotStub hubspot, int latencyMillis) throws IOException {
		WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort().http2PlainDisabled(true)
			.extensions(hubspot));
		server.start();
		server.stubFor(WireMock.get(urlPathEqualTo("/crm/v3/properties/contacts"))
			.willReturn(aResponse().withTransformers(HubSpotStub.NAME)));
		server.stubFor(post(urlPathEqualTo("/crm/v3/objects/contacts/batch/upsert"))
			.willReturn(aResponse().withTransformers(HubSpotStub.NAME).withFixedDelay(latencyMillis)));
		Files.createDirectories(workDirectory.resolve("mappings"));
		Files.copy(Path.of("mappings/hubspot.yml"), workDirectory.resolve("mappings/hubspot.yml"));
		return server;
	}

	/** The status the execution ended with, read from the manager's API. */
	private static String awaitEnd(int port, String execution) throws Exception {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(180));
		while (Instant.now().isBefore(deadline)) {
			String status = get(port, "/api/v1/executions/" + execution).body()
				.replaceAll("(?s)^.*?\"status\":\"([A-Z]+)\".*", "$1");
			if (!List.of("STARTING", "STARTED", "STOPPING").contains(status)) {
				return status;
			}
			Thread.sleep(500);
		}
		throw new AssertionError("Execution " + execution + " did not end within 180 s");
	}

	private static void awaitRequests(WireMockServer server, int requests) throws InterruptedException {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
		while (server.getAllServeEvents().size() < requests) {
			if (Instant.now().isAfter(deadline)) {
				throw new AssertionError("HubSpot got fewer than " + requests + " requests within 120 s");
			}
			Thread.sleep(50);
		}
	}

	/** Waits until the running import has committed some chunks to staging. */
	private static void awaitStagedRows(Path data) throws Exception {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
		while (Instant.now().isBefore(deadline)) {
			try (Connection connection = EmbeddedDatabases.connectToRunning(data);
					ResultSet staged = connection.createStatement().executeQuery("select count(*) from capture_staging")) {
				if (staged.next() && staged.getLong(1) >= 20_000) {
					return;
				}
			}
			catch (SQLException | IOException | UncheckedIOException notYet) {
				// the database or its schema is still being set up
			}
			Thread.sleep(100);
		}
		throw new AssertionError("The import staged nothing within 120 s");
	}

	/** What a user would compare: how many of each row, and every message in its conversation. */
	private static List<String> fingerprint(Path data) throws Exception {
		try (EmbeddedDatabase database = EmbeddedDatabases.open(data);
				Connection connection = EmbeddedDatabases.connect(database);
				ResultSet rows = connection.createStatement().executeQuery("""
						select (select count(*) from contact), (select count(*) from contact_identity),
						       (select count(*) from conversation), (select count(*) from message),
						       (select md5(string_agg(c.external_id || m.external_id || m.sender || m.text || m.sent_at,
						                              ',' order by c.external_id, m.external_id))
						        from message m join conversation c on c.id = m.conversation_id),
						       (select md5(string_agg(i.external_id || c.name || c.created_at || c.last_activity_at,
						                              ',' order by i.external_id))
						        from contact c join contact_identity i on i.contact_id = c.id),
						       (select md5(string_agg(external_id || message_count || status || coalesce(first_response_seconds, -1),
						                              ',' order by external_id)) from conversation)""")) {
			rows.next();
			List<String> values = new ArrayList<>();
			for (int column = 1; column <= 7; column++) {
				values.add(rows.getString(column));
			}
			return values;
		}
	}

	private static void copyFolder(Path from, Path to) throws IOException {
		Files.createDirectories(to);
		try (var files = Files.list(from)) {
			for (Path file : files.toList()) {
				Files.copy(file, to.resolve(file.getFileName()));
			}
		}
	}

	/** The project's {@code file}, {@code from} replaced by {@code to}, where the jar in the work directory reads it. */
	private void editedCopy(String file, String from, String to) throws IOException {
		Path copy = workDirectory.resolve(file);
		Files.createDirectories(copy.getParent());
		Files.writeString(copy, Files.readString(Path.of(file)).replace(from, to));
	}

	private Result java(String... arguments) throws Exception {
		Process process = start(arguments);
		assertThat(process.waitFor(180, TimeUnit.SECONDS)).isTrue();
		String output = Files.readString(outputOf(process));
		return new Result(process.exitValue(), output);
	}

	private Process start(String... arguments) throws IOException {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-jar", JAR.toAbsolutePath().toString()));
		command.addAll(List.of(arguments));
		Path output = Files.createTempFile(workDirectory, "output", ".txt");
		ProcessBuilder builder = new ProcessBuilder(command).directory(workDirectory.toFile())
			.redirectErrorStream(true)
			.redirectOutput(output.toFile());
		builder.environment().put("CONTACTSYNC_ADMIN_TOKEN", TOKEN);
		builder.environment().putAll(environment);
		Process process = builder.start();
		outputs.put(process, output);
		return process;
	}

	private Path outputOf(Process process) {
		return outputs.get(process);
	}

	private static void awaitHealth(int port) throws Exception {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
		while (Instant.now().isBefore(deadline)) {
			try {
				if (get(port, "/actuator/health").statusCode() == 200) {
					return;
				}
			}
			catch (IOException notYet) {
				// still starting
			}
			Thread.sleep(500);
		}
		throw new AssertionError("The server did not become healthy within 120 s");
	}

	private static HttpResponse<String> get(int port, String path) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.header("Authorization", "Bearer " + TOKEN)
			.build();
		return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private record Result(int exitCode, String output) {
	}
}
