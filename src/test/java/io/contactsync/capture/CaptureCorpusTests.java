package io.contactsync.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.contactsync.jobs.JobStarter;
import io.contactsync.support.ContactSyncTest;
import io.contactsync.support.JobFixture;
import io.contactsync.support.StoreFixture;
import io.contactsync.support.Tokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every channel payload of src/test/resources/channels mutated (see {@link CaptureCorpus}) and fed as JSON Lines,
 * as a JSON array and over HTTP: the run completes, every record is imported or in the report with a reason, every
 * unmutated payload is imported, and a second run changes nothing.
 */
@ContactSyncTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CaptureCorpusTests {

	/** Needs its channel named: by itself its shape is too plain to tell apart. */
	private static final String PROFILE_SAMPLE = "messenger/user_profile_response__CONSTRUCTED.json";

	@Autowired
	JobStarter jobs;

	@Autowired
	StoreFixture store;

	@Autowired
	JobFixture history;

	@Autowired
	MockMvc mvc;

	@TempDir
	Path files;

	private List<CaptureCorpus.Mutant> corpus;

	@BeforeAll
	void buildCorpus() throws IOException {
		corpus = CaptureCorpus.build();
	}

	@BeforeEach
	void emptyStore() {
		store.clear();
		history.clearHistory();
	}

	@Test
	void asJsonLinesEveryRecordIsImportedOrReportedAndASecondRunChangesNothing() throws IOException {
		ByteArrayOutputStream lines = new ByteArrayOutputStream();
		for (CaptureCorpus.Mutant mutant : corpus) {
			lines.write(mutant.bytes());
			lines.write('\n');
		}
		Path input = Files.write(files.resolve("corpus.jsonl"), lines.toByteArray());

		JobExecution run = importing(input);

		List<JsonNode> rejects = accountedFor(run, corpus.size());
		// The originals (line = index + 1) are all good, but for the profile, which needs its channel named.
		for (int i = 0; i < corpus.size(); i++) {
			long line = i + 1;
			if (corpus.get(i).original() && !corpus.get(i).sample().equals(PROFILE_SAMPLE)) {
				assertThat(rejects).as(corpus.get(i).sample()).noneMatch(reject -> reject.get("line").asLong() == line);
			}
		}
		List<String> before = snapshot();
		assertThat(importing(input).getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(snapshot()).isEqualTo(before);
	}

	@Test
	void asAJsonArrayEachElementIsARecordOfItsOwn() throws IOException {
		ByteArrayOutputStream array = new ByteArrayOutputStream();
		array.write('[');
		for (int i = 0; i < corpus.size(); i++) {
			array.write(i == 0 ? "\n".getBytes() : ",\n".getBytes());
			array.write(corpus.get(i).bytes());
		}
		array.write("\n]".getBytes());
		Path input = Files.write(files.resolve("corpus.json"), array.toByteArray());

		JobExecution run = importing(input);

		accountedFor(run, corpus.size());
		assertThat(store.count("contact")).isPositive();
	}

	@Test
	void overHttpEachPayloadIsAcceptedOrRefusedWithItsIndexAndTheInboxImports() throws Exception {
		Map<String, List<CaptureCorpus.Mutant>> bySample = new LinkedHashMap<>();
		corpus.forEach(mutant -> bySample.computeIfAbsent(mutant.sample(), s -> new ArrayList<>()).add(mutant));
		long accepted = 0;
		long refused = 0;
		for (List<CaptureCorpus.Mutant> batch : underTheBodyLimit(bySample.values())) {
			if (batch.size() == 1 && batch.get(0).bytes().length + 2 > 1_000_000) {
				// One payload above the request limit: refused whole before it is read, nothing stored.
				mvc.perform(post("/api/v1/captures").with(Tokens.OPERATOR.bearer())
						.contentType(MediaType.APPLICATION_JSON).content(batch.get(0).bytes()))
					.andExpect(status().isContentTooLarge());
				continue;
			}
			ByteArrayOutputStream body = new ByteArrayOutputStream();
			body.write('[');
			for (int i = 0; i < batch.size(); i++) {
				// An element a line, as batch writers do: a cut-off element then ends at the next line (see
				// JsonArrayElements); in a one-line body it would run on into the next ones.
				body.write(i == 0 ? new byte[] { '\n' } : new byte[] { ',', '\n' });
				body.write(batch.get(i).bytes());
			}
			body.write(']');
			String answer = mvc.perform(post("/api/v1/captures").with(Tokens.OPERATOR.bearer())
					.contentType(MediaType.APPLICATION_JSON).content(body.toByteArray()))
				.andExpect(status().isAccepted())
				.andReturn().getResponse().getContentAsString();
			JsonNode json = JsonMapper.shared().readTree(answer);
			assertThat(json.get("accepted").asLong() + json.get("refused").size()).isEqualTo(batch.size());
			json.get("refused").forEach(refusal -> assertThat(refusal.get("reason").asString()).isNotBlank());
			accepted += json.get("accepted").asLong();
			refused += json.get("refused").size();
		}

		JobExecution run = jobs.run("capture-import", Map.of());

		assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(accepted).isPositive();
		assertThat(store.jdbc().sql("select count(*) from capture_inbox where status = 'pending'").query(Long.class)
			.single()).isZero();
		assertThat(store.count("capture_inbox")).isEqualTo(accepted + refused);
		assertThat(jobs.run("capture-import", Map.of()).getStatus()).isEqualTo(BatchStatus.COMPLETED);
	}

	private JobExecution importing(Path input) {
		return jobs.run("capture-import", Map.of("input", input.toString()));
	}

	/** Asserts the run completed with every record read, and each one it refused reported with a reason. */
	private List<JsonNode> accountedFor(JobExecution run, int records) throws IOException {
		assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		StepExecution staging = step(run, "stageCaptures");
		assertThat(staging.getReadCount()).isEqualTo(records);
		List<JsonNode> report = report(run);
		List<JsonNode> rejects = report.stream().filter(entry -> entry.get("kind").asString().equals("rejected"))
			.toList();
		assertThat(rejects).hasSize((int) staging.getSkipCount()).allSatisfy(reject -> {
			assertThat(reject.get("reason").asString()).isNotBlank();
			assertThat(reject.get("raw").asString()).hasSizeLessThanOrEqualTo(RawText.MAX_BYTES + 20);
		});
		assertThat(staging.getWriteCount()).isEqualTo(records - staging.getSkipCount());
		return rejects;
	}

	private static StepExecution step(JobExecution run, String name) {
		return run.getStepExecutions().stream().filter(step -> step.getStepName().equals(name)).findFirst()
			.orElseThrow();
	}

	private static List<JsonNode> report(JobExecution run) throws IOException {
		String finish = step(run, "finishCaptures").getExitStatus().getExitDescription();
		return !finish.contains("see ") ? List.of()
				: Files.readAllLines(Path.of(finish.replaceAll(".*see ", "").trim())).stream()
					.map(line -> (JsonNode) JsonMapper.shared().readTree(line)).toList();
	}

	private List<String> snapshot() {
		List<String> rows = new ArrayList<>();
		for (String table : List.of("contact", "contact_identity", "conversation", "message")) {
			rows.addAll(store.jdbc().sql("select '" + table + "' || ': ' || (to_jsonb(t) - 'updated_at')::text from "
					+ table + " t order by 1").query(String.class).list());
		}
		return rows;
	}

	/** The batches cut so that each request stays under the 1 MiB a capture request may carry (else 413). */
	private static List<List<CaptureCorpus.Mutant>> underTheBodyLimit(java.util.Collection<List<CaptureCorpus.Mutant>> batches) {
		List<List<CaptureCorpus.Mutant>> cut = new java.util.ArrayList<>();
		for (List<CaptureCorpus.Mutant> batch : batches) {
			List<CaptureCorpus.Mutant> current = new java.util.ArrayList<>();
			long size = 2;
			for (CaptureCorpus.Mutant mutant : batch) {
				if (!current.isEmpty() && size + mutant.bytes().length + 2 > 1_000_000) {
					cut.add(current);
					current = new java.util.ArrayList<>();
					size = 2;
				}
				current.add(mutant);
				size += mutant.bytes().length + 2;
			}
			if (!current.isEmpty()) {
				cut.add(current);
			}
		}
		return cut;
	}
}
