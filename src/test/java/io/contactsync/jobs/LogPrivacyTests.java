package io.contactsync.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.contactsync.support.ContactSyncTest;
import io.contactsync.support.JobFixture;
import io.contactsync.support.StoreFixture;
import io.contactsync.support.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Everything the service prints while it imports, deduplicates, scores, pushes and exports known people, and while
 * the API is searched for them (well and badly), holds none of their names, emails, phones or words. The log runs
 * at INFO everywhere, as in production.
 */
@ContactSyncTest
@ExtendWith(OutputCaptureExtension.class)
class LogPrivacyTests {

	private static final String NAME = "Zelda Quixotic";

	private static final String EMAIL = "zelda.quixotic@example.org";

	private static final String PHONE = "+44 20 7946 0321";

	private static final String WORDS = "tangerine submarine budget";

	private static final List<String> PERSONAL = List.of("Zelda", "Quixotic", "zelda.quixotic", "7946 0321",
			"447946", "tangerine", "submarine");

	@Autowired
	JobStarter starter;

	@Autowired
	MockMvc mvc;

	@Autowired
	StoreFixture store;

	@Autowired
	JobFixture history;

	@Autowired
	LoggingSystem logging;

	@TempDir
	Path directory;

	@BeforeEach
	void everythingAtInfo() {
		store.clear();
		history.clearHistory();
		logging.setLogLevel("org.springframework.batch", LogLevel.INFO);
	}

	@AfterEach
	void backToTheTestLevels() {
		logging.setLogLevel("org.springframework.batch", LogLevel.WARN);
	}

	@Test
	void nothingPersonalIsPrinted(CapturedOutput output) throws Exception {
		Path captures = directory.resolve("captures.jsonl");
		Files.writeString(captures, """
				{"type":"conversation_started","channel":"frame","bot":"Sales","visitor":"v-z","conversation":"c-z","at":"2025-08-20T10:00:00Z"}
				{"type":"message","channel":"frame","bot":"Sales","visitor":"v-z","conversation":"c-z","at":"2025-08-20T10:00:02Z","id":"m1","sender":"visitor","kind":"text","text":"%s"}
				{"type":"form_submitted","channel":"frame","bot":"Sales","visitor":"v-z","conversation":"c-z","at":"2025-08-20T10:00:09Z","name":"%s","email":"%s","phone":"%s"}
				{"type":"form_submitted","channel":"frame","bot":"Sales","visitor":"v-y","conversation":"c-y","at":"2025-08-20T11:00:00Z","name":"%s","email":"zelda.quixotic@","phone":"%s"}
				{"type":"broken","visitor":"%s"
				""".formatted(WORDS, NAME, EMAIL, PHONE, NAME, PHONE, EMAIL));

		for (String job : List.of("capture-import", "dedup", "lead-scoring", "crm-push", "retention")) {
			Map<String, String> parameters = job.equals("capture-import") ? Map.of("input", captures.toString())
					: Map.of();
			assertThat(starter.run(job, parameters).getStatus()).as(job).isIn(BatchStatus.COMPLETED, BatchStatus.FAILED);
		}
		starter.run("export", Map.of("format", "csv", "output", directory.resolve("x.csv").toString(), "q", EMAIL));
		mvc.perform(get("/api/v1/contacts").param("q", EMAIL).with(Tokens.VIEWER.bearer()));
		mvc.perform(get(URI.create("/api/v1/contacts?q=zelda.quixotic%00%FF")).with(Tokens.VIEWER.bearer()));
		mvc.perform(get("/api/v1/contacts").param("q", NAME).param("from", "+999999999-12-31").with(Tokens.VIEWER.bearer()));
		mvc.perform(post("/api/v1/jobs/export/executions").with(Tokens.OPERATOR.bearer())
			.contentType(MediaType.APPLICATION_JSON).content("{\"format\":\"csv\",\"output\":\"p.csv\",\"q\":\"" + NAME + "\"}"));
		long id = store.jdbc().sql("select id from contact order by id limit 1").query(Long.class).single();
		mvc.perform(patch("/api/v1/contacts/" + id).with(Tokens.ADMIN.bearer()).contentType(MediaType.APPLICATION_JSON)
			.content("{\"email\": \"zelda.quixotic@nowhere\", \"version\": 0}"));

		assertThat(store.count("contact")).isPositive();
		assertThat(output.getAll()).contains("of export started with parameters [format, output, q").doesNotContain(PERSONAL.toArray(String[]::new));
	}
}
