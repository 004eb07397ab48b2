package io.contactsync.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.contactsync.crm.HubSpotStub;

/**
 * target/contact-sync.jar as a user runs it: JVMs started in one work directory (which holds their embedded database,
 * mappings and reports) with the admin token and the test's environment, their output, and their HTTP API.
 */
public final class PackagedJar {

	public static final String TOKEN = "packaged-jar-test-token-0123456789";

	private static final Path JAR = Path.of("target", "contact-sync.jar");

	private final Path workDirectory;

	private final Map<Process, Path> outputs = new HashMap<>();

	/** Environment variables the processes get besides the admin token. */
	private final Map<String, String> environment = new HashMap<>();

	public PackagedJar(Path workDirectory) {
		this.workDirectory = workDirectory;
	}

	public Map<String, String> environment() {
		return environment;
	}

	/** Runs the jar with these arguments to its end (at most 180 s). */
	public Result run(String... arguments) throws Exception {
		Process process = start(arguments);
		assertThat(process.waitFor(180, TimeUnit.SECONDS)).isTrue();
		return new Result(process.exitValue(), Files.readString(outputOf(process)));
	}

	public Process start(String... arguments) throws IOException {
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

	/** The file holding what the process printed. */
	public Path outputOf(Process process) {
		return outputs.get(process);
	}

	/**
	 * A started HubSpot stub holding its records in {@code hubspot}, taking batches after {@code latencyMillis}, and
	 * the shipped HubSpot mapping in the work directory.
	 */
	public WireMockServer hubSpotPortal(HubSpotStub hubspot, int latencyMillis) throws IOException {
		WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort().http2PlainDisabled(true)
			.extensions(hubspot));
		server.start();
		// The schema check reads the contact and the note properties (the mapping's activities).
		server.stubFor(WireMock.get(urlPathMatching("/crm/v3/properties/(contacts|notes)"))
			.willReturn(aResponse().withTransformers(HubSpotStub.NAME)));
		server.stubFor(post(urlPathEqualTo("/crm/v3/objects/notes/batch/create"))
			.willReturn(aResponse().withTransformers(HubSpotStub.NAME).withFixedDelay(latencyMillis)));
		server.stubFor(post(urlPathEqualTo("/crm/v3/objects/contacts/batch/upsert"))
			.willReturn(aResponse().withTransformers(HubSpotStub.NAME).withFixedDelay(latencyMillis)));
		Files.createDirectories(workDirectory.resolve("mappings"));
		Files.copy(Path.of("mappings/hubspot.yml"), workDirectory.resolve("mappings/hubspot.yml"));
		return server;
	}

	public static void awaitRequests(WireMockServer server, int requests) throws InterruptedException {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
		while (server.getAllServeEvents().size() < requests) {
			if (Instant.now().isAfter(deadline)) {
				throw new AssertionError("HubSpot got fewer than " + requests + " requests within 120 s");
			}
			Thread.sleep(50);
		}
	}

	public static void awaitHealth(int port) throws Exception {
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

	public static HttpResponse<String> get(int port, String path) throws Exception {
		return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET());
	}

	/** Launches {@code job} over HTTP with these JSON parameters; answers the execution's id. */
	public static String launch(int port, String job, String parameters) throws Exception {
		HttpResponse<String> launched = send(HttpRequest.newBuilder(
				URI.create("http://localhost:" + port + "/api/v1/jobs/" + job + "/executions"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(parameters)));
		assertThat(launched.statusCode()).as(launched.body()).isEqualTo(202);
		return launched.body().replaceAll("(?s)^\\{\"id\":(\\d+).*", "$1");
	}

	/** The status the execution ended with, read from the server's API. */
	public static String awaitEnd(int port, String execution) throws Exception {
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

	public static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		return HttpClient.newHttpClient().send(request.header("Authorization", "Bearer " + TOKEN).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	public record Result(int exitCode, String output) {
	}
}
