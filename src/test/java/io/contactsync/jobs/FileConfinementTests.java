package io.contactsync.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.contactsync.support.ApplicationTest;
import io.contactsync.support.Tokens;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.util.FileSystemUtils;

/**
 * An operator over HTTP or the dashboard reads only under the import roots and writes only under the export root
 * (target/test-imports and target/test-exports in the tests), judged after links and {@code ..} are resolved, and
 * a refusal tells nothing about what lies outside. The command line is not confined.
 */
class FileConfinementTests extends ApplicationTest {

	private static final Path IMPORTS = Path.of("target/test-imports");

	private static final Path EXPORTS = Path.of("target/test-exports");

	private static final String ONE_VISITOR = """
			{"type":"conversation_started","channel":"frame","bot":"Sales","visitor":"v-1","conversation":"c-1",\
			"at":"2025-08-20T10:00:00Z"}
			{"type":"form_submitted","channel":"frame","bot":"Sales","visitor":"v-1","conversation":"c-1",\
			"at":"2025-08-20T10:00:05Z","name":"Jane Roe","email":"jane@example.com"}
			""";

	@TempDir
	Path outside;

	@BeforeEach
	void emptyRoots() throws IOException {
		store.clear();
		history.clearHistory();
		FileSystemUtils.deleteRecursively(IMPORTS);
		FileSystemUtils.deleteRecursively(EXPORTS);
		Files.createDirectories(IMPORTS);
		Files.writeString(outside.resolve("secret.jsonl"), ONE_VISITOR);
		Files.writeString(outside.resolve("notes.txt"), "not a capture file");
	}

	@AfterEach
	void noFilesLeft() throws IOException {
		FileSystemUtils.deleteRecursively(IMPORTS);
		FileSystemUtils.deleteRecursively(EXPORTS);
	}

	@Test
	void readingOutsideTheImportRootsIsRefusedAlikeWhateverLiesThere() throws Exception {
		Files.createSymbolicLink(IMPORTS.resolve("link.jsonl"), outside.resolve("secret.jsonl"));
		Files.createSymbolicLink(IMPORTS.resolve("linked-dir"), outside);
		List<String> inputs = List.of(outside.toString(), outside.resolve("secret.jsonl").toString(),
				outside.resolve("notes.txt").toString(), outside.resolve("nothing-here").toString(), "/etc/passwd",
				IMPORTS + "/../../pom.xml", "samples/../src", IMPORTS.resolve("link.jsonl").toString(),
				IMPORTS.resolve("linked-dir").toString(), IMPORTS.resolve("missing.jsonl").toString());

		List<String> details = new ArrayList<>();
		for (String input : inputs) {
			String detail = launchRefused("capture-import", "input", input);
			assertThat(detail).as(input).contains("contactsync.files.import-roots").doesNotContain(outside.toString());
			details.add(detail);
		}

		assertThat(details).as("one answer for every path: no oracle").containsOnly(details.get(0));
		assertThat(store.count("contact")).isZero();
		assertThat(store.count("capture_reject")).isZero();
	}

	@Test
	void aFileUnderAnImportRootIsImportedAndALinkInItsDirectoryIsPassedOver() throws Exception {
		Files.writeString(IMPORTS.resolve("today.jsonl"), ONE_VISITOR.replace("v-1", "v-2").replace("jane@", "ann@"));
		Files.createSymbolicLink(IMPORTS.resolve("z-link.jsonl"), outside.resolve("secret.jsonl"));

		long id = launch("capture-import", "{\"input\": \"" + IMPORTS + "\"}");

		assertThat(awaitEnd(id)).isEqualTo(BatchStatus.COMPLETED);
		assertThat(store.jdbc().sql("select email from contact").query(String.class).list())
			.containsExactly("ann@example.com");
	}

	@Test
	void nightlySyncsInputIsConfinedToo() throws Exception {
		assertThat(launchRefused("nightly-sync", "capture-import.input", outside.toString()))
			.contains("contactsync.files.import-roots");
	}

	@Test
	void writingOutsideTheExportRootIsRefused() throws Exception {
		Files.createDirectories(EXPORTS);
		Files.createSymbolicLink(EXPORTS.resolve("out"), outside);
		Files.createSymbolicLink(EXPORTS.resolve("linked.csv"), outside.resolve("notes.txt"));

		for (String output : List.of("../../x.csv", "../x.csv", outside.resolve("x.csv").toString(), "/tmp/x.csv",
				"out/x.csv", "linked.csv", ".", "sub/../../x.csv")) {
			assertThat(launchRefused("export", "format", "csv", "output", output)).as(output)
				.contains("contactsync.files.export-root");
			assertThat(launchRefused("generate-captures", "output", output)).as(output)
				.contains("contactsync.files.export-root");
		}

		assertThat(Files.readString(outside.resolve("notes.txt"))).isEqualTo("not a capture file");
		try (var files = Files.list(outside)) {
			assertThat(files.map(path -> path.getFileName().toString())).containsExactlyInAnyOrder("secret.jsonl",
					"notes.txt");
		}
	}

	@Test
	void aRelativeOutputIsWrittenInTheExportRootOwnerOnly() throws Exception {
		store.contact().name("Jane Roe").insert();

		long id = launch("export", "{\"format\": \"csv\", \"output\": \"monthly/contacts.csv\"}");

		assertThat(awaitEnd(id)).isEqualTo(BatchStatus.COMPLETED);
		Path written = EXPORTS.resolve("monthly/contacts.csv");
		assertThat(Files.readString(written)).contains("Jane Roe");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(written))).isEqualTo("rw-------");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(written.getParent())))
			.isEqualTo("rwx------");
	}

	@Test
	void theDashboardsLaunchFormIsConfinedAlike() throws Exception {
		MockHttpSession operator = (MockHttpSession) mvc.perform(post("/sign-in")
				.param("token", Tokens.OPERATOR.value()).with(csrf()))
			.andReturn().getRequest().getSession(false);

		mvc.perform(post("/jobs/capture-import/launch").param("parameters", "input=" + outside)
				.session(operator).with(csrf()))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(Matchers.containsString("input must be a capture file or directory under"
					+ " contactsync.files.import-roots (samples, target/test-imports); put the files there")));
	}

	@Test
	void theCommandLineKeepsAnyPath() {
		assertThat(jobs.run("capture-import", Map.of("input", outside.toString())).getStatus())
			.isEqualTo(BatchStatus.COMPLETED);
		assertThat(store.count("contact")).isEqualTo(1);
	}

	private String launchRefused(String job, String... nameValues) throws Exception {
		StringBuilder body = new StringBuilder("{");
		for (int i = 0; i < nameValues.length; i += 2) {
			body.append(i == 0 ? "" : ",").append(json.writeValueAsString(nameValues[i])).append(':')
				.append(json.writeValueAsString(nameValues[i + 1]));
		}
		return json.readTree(mvc.perform(post("/api/v1/jobs/" + job + "/executions").with(Tokens.OPERATOR.bearer())
				.contentType(MediaType.APPLICATION_JSON).content(body.append('}').toString()))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.status").value(400))
			.andReturn().getResponse().getContentAsString()).get("detail").asString();
	}

	private long launch(String job, String body) throws Exception {
		return json.readTree(mvc.perform(post("/api/v1/jobs/" + job + "/executions").with(Tokens.OPERATOR.bearer())
				.contentType(MediaType.APPLICATION_JSON).content(body))
			.andExpect(status().isAccepted())
			.andReturn().getResponse().getContentAsString()).get("id").asLong();
	}

	private BatchStatus awaitEnd(long id) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (jobs.execution(id).getStatus().isRunning() && System.nanoTime() < deadline) {
			Thread.sleep(50);
		}
		return jobs.execution(id).getStatus();
	}
}
