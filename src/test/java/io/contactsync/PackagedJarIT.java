package io.contactsync;

import static io.contactsync.support.PackagedJar.TOKEN;
import static io.contactsync.support.PackagedJar.awaitHealth;
import static io.contactsync.support.PackagedJar.awaitRequests;
import static io.contactsync.support.PackagedJar.freePort;
import static io.contactsync.support.PackagedJar.get;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.contactsync.config.EmbeddedDatabase;
import io.contactsync.config.EmbeddedDatabases;
import io.contactsync.crm.HubSpotStub;
import io.contactsync.support.PackagedJar;
import io.contactsync.support.PackagedJar.Result;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * target/contact-sync.jar as a new user runs it: jobs from the command line with their exit codes, and
 * the server on the embedded database, stopped with SIGTERM and leaving no PostgreSQL behind.
 */
class PackagedJarIT {

	@TempDir
	Path workDirectory;

	private PackagedJar jar;

	@BeforeEach
	void inTheWorkDirectory() {
		jar = new PackagedJar(workDirectory);
	}

	@Test
	void runsAJobPrintsItsStepsAndExitsZeroThenAddsNothingTheSecondTime() throws Exception {
		Result first = jar.run("run", "generate", "contacts=30", "seed=5");
		assertThat(first.exitCode()).as(first.output()).isZero();
		assertThat(first.output()).containsPattern("generateContacts\\s+COMPLETED\\s+30\\s+30\\s+0");

		Result second = jar.run("run", "generate", "contacts=30", "seed=5");
		assertThat(second.exitCode()).as(second.output()).isZero();
		assertThat(second.output()).containsPattern("generateContacts\\s+COMPLETED\\s+30\\s+0\\s+30");
		assertThat(workDirectory.resolve("data/postgres/postmaster.pid")).doesNotExist();
	}

	@Test
	void theQuickStartsFirstCommandPlansARealPushOfTheSamples() throws Exception {
		for (String folder : List.of("jobs", "mappings", "samples")) {
			copyFolder(Path.of(folder), workDirectory.resolve(folder));
		}

		Result first = jar.run("run", "nightly-sync", "capture-import.input=samples", "asOf=2025-09-01");

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

		Result validate = jar.run("run", "validate");

		assertThat(validate.exitCode()).isEqualTo(1);
		assertThat(validate.output()).contains("Mapping files have 1 problem; fix them and start again")
			.containsPattern("hubspot\\.yml:\\d+: unknown source field 'emial'");
	}

	@Test
	void validateStopsOnBadDedupRulesNamingTheLineAndTheFix() throws Exception {
		editedCopy("jobs/dedup.yml", "autoMerge: 0.99", "autoMerge: 1.5");

		Result validate = jar.run("run", "validate");

		assertThat(validate.exitCode()).isEqualTo(1);
		assertThat(validate.output()).contains("The dedup rules have 1 problem")
			.containsPattern("jobs/dedup\\.yml:\\d+: thresholds.autoMerge must be from 0 to 1, not 1.5");
	}

	@Test
	void aBadCronStopsTheStartNamingTheFileAndLine() throws Exception {
		editedCopy("jobs/nightly-sync.yml", "cron: \"0 0 2 * * *\"", "cron: \"0 0 2 * *\"");

		Result validate = jar.run("run", "validate");

		assertThat(validate.exitCode()).isEqualTo(1);
		assertThat(validate.output()).contains("Job files have 1 problem; fix them and start again")
			.containsPattern("jobs/nightly-sync\\.yml:\\d+: cron '0 0 2 \\* \\*' is not valid");
	}

	@Test
	void exitsTwoOnAnUnknownJobOrBadParameter() throws Exception {
		Result unknown = jar.run("run", "frobnicate");
		assertThat(unknown.exitCode()).isEqualTo(2);
		assertThat(unknown.output()).contains("Unknown job 'frobnicate'; the jobs are capture-import, copy-baseline, crm-push, dedup, dedup-evaluate, dedup-sample, export, generate, generate-captures, lead-scoring, nightly-sync, retention.");

		Result bad = jar.run("run", "generate", "contacts=lots");
		assertThat(bad.exitCode()).isEqualTo(2);
		assertThat(bad.output()).contains("contacts must be a whole number, not 'lots'.");
	}

	@Test
	void servesTheApiBesideAJobRunAndStopsItsDatabaseOnSigterm() throws Exception {
		int port = freePort();
		Process server = jar.start("--server.port=" + port);
		try {
			awaitHealth(port);
			Result job = jar.run("run", "generate", "contacts=12");
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
		Result generated = jar.run("run", "generate-captures", "output=" + events, "events=200000", "visitors=20000",
				"conversations=40000", "--contactsync.embedded-database.data-directory=generator");
		assertThat(generated.exitCode()).as(generated.output()).isZero();

		Result uninterrupted = jar.run("run", "capture-import", "input=" + events,
				"--contactsync.embedded-database.data-directory=uninterrupted");
		assertThat(uninterrupted.exitCode()).as(uninterrupted.output()).isZero();

		Process killed = jar.start("run", "capture-import", "input=" + events,
				"--contactsync.embedded-database.data-directory=killed");
		awaitStagedRows(workDirectory.resolve("killed"));
		killed.destroyForcibly().waitFor();
		assertThat(Files.readString(jar.outputOf(killed))).doesNotContain("Job capture-import");

		Result resumed = jar.run("run", "capture-import", "input=" + events,
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
		Process stopped = jar.start("run", "generate", "contacts=60000", "--contactsync.progress-interval=1s");
		awaitOutput(stopped, "› generateContacts: ");
		stopped.destroy();
		assertThat(stopped.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(Files.readString(jar.outputOf(stopped))).contains("Job generate, execution 1: STOPPED")
			.contains("`run restart 1`");

		Result restarted = jar.run("run", "restart", "1");

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
			if (Files.readString(jar.outputOf(process)).contains(text)) {
				return;
			}
			Thread.sleep(100);
		}
		throw new AssertionError("No '" + text + "' within 120 s:\n" + Files.readString(jar.outputOf(process)));
	}

	/**
	 * crm-push killed with SIGKILL while HubSpot is taking its batches, then run again: every contact in
	 * scope ends in HubSpot exactly once, and every one is recorded as synced.
	 */
	@Test
	void resumesAPushKilledHalfWayWithEveryContactInHubSpotOnce() throws Exception {
		HubSpotStub hubspot = new HubSpotStub();
		WireMockServer server = jar.hubSpotPortal(hubspot, 300);
		try {
			Result generated = jar.run("run", "generate", "contacts=4000");
			assertThat(generated.exitCode()).as(generated.output()).isZero();
			jar.environment().put("HUBSPOT_ACCESS_TOKEN", "pat-na1-killed-push");
			jar.environment().put("HUBSPOT_BASE_URL", server.baseUrl());

			Process killed = jar.start("run", "crm-push", "target=hubspot");
			// The schema check's two properties reads (contacts, notes), then three batches taken.
			awaitRequests(server, 5);
			killed.destroyForcibly().waitFor();
			assertThat(Files.readString(jar.outputOf(killed))).doesNotContain("Job crm-push");

			Result resumed = jar.run("run", "crm-push", "target=hubspot");
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
}
