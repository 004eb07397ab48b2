package io.contactsync.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.contactsync.capture.channel.ChannelSamples;
import io.contactsync.support.ApplicationTest;
import io.contactsync.support.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Records are the unit of failure: a bad element, line, byte or field costs that record or that field, never the
 * file or the run, and the report says where and why. The cases of issue #16, as an operator meets them.
 */
class CaptureRecordsTests extends ApplicationTest {

	private static final int EVENTS = 1000;

	private static final int BAD_EMAILS = 21;

	@TempDir
	Path files;

	@BeforeEach
	void emptyStoreAndHistory() {
		store.clear();
		history.clearHistory();
		store.jdbc().sql("truncate capture_staging, capture_reject, capture_warning").update();
	}

	@Test
	void anArrayOfWidgetEventsWithMalformedEmailsImportsEveryConversation() throws IOException {
		List<JsonNode> events = widgetEvents();
		Path input = Files.writeString(files.resolve("widget.json"), "[\n" + String.join(",\n",
				events.stream().map(JsonNode::toString).toList()) + "\n]\n");

		JobExecution run = importing(input);

		assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(store.count("contact")).isEqualTo(EVENTS);
		assertThat(store.count("conversation")).isEqualTo(EVENTS);
		assertThat(store.count("message")).isEqualTo(EVENTS);
		assertThat(store.jdbc().sql("select count(*) from contact where email is null and attributes->>'email_as_given' is not null")
			.query(Long.class).single()).isEqualTo(BAD_EMAILS);
		List<JsonNode> report = report(run);
		assertThat(report).hasSize(BAD_EMAILS).allSatisfy(entry -> {
			assertThat(entry.get("kind").asString()).isEqualTo("warning");
			assertThat(entry.get("field").asString()).isEqualTo("email");
			assertThat(entry.get("source").asString()).isEqualTo(input.toString());
		});
		// The third bad email is element 96, on line 98: after the line with "[", an element a line.
		assertThat(report.get(2).get("element").asInt()).isEqualTo(96);
		assertThat(report.get(2).get("line").asLong()).isEqualTo(98);
	}

	@Test
	void theSameEventsOnePerLineImportEveryVisitorWithTheirMessages() throws IOException {
		Path input = Files.write(files.resolve("widget.jsonl"), widgetEvents().stream().map(JsonNode::toString).toList());

		JobExecution run = importing(input);

		assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(store.count("contact")).isEqualTo(EVENTS);
		assertThat(store.count("message")).isEqualTo(EVENTS);
		assertThat(report(run)).hasSize(BAD_EMAILS);
	}

	@Test
	void anEscapedNulInANameIsCleanedWithAWarning() throws IOException {
		List<String> lines = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			lines.add(profile("v-" + i, i == 3 ? "Ann\\u0000 Lee" : "Visitor " + i));
		}
		Path input = Files.write(files.resolve("nul.jsonl"), lines);

		JobExecution run = importing(input);

		assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(store.count("contact")).isEqualTo(6);
		assertThat(names()).contains("Ann Lee");
		assertThat(report(run)).singleElement().satisfies(entry -> {
			assertThat(entry.get("line").asInt()).isEqualTo(4);
			assertThat(entry.get("field").asString()).isEqualTo("name");
			assertThat(entry.get("reason").asString()).contains("NUL");
		});
	}

	@Test
	void aLineWithARawNulOrBytesThatAreNotUtf8IsRejectedAloneAndReported() throws IOException {
		ByteArrayOutputStream file = new ByteArrayOutputStream();
		file.write(line(profile("v-1", "First")));
		file.write(line(profile("v-2", "Nul\u0000Byte")));
		file.write(line(profile("v-3", "Third")));
		file.write(bytes(profile("v-4", "Bad ")), 0, bytes(profile("v-4", "Bad ")).length - 2);
		file.write(new byte[] { (byte) 0xFF, (byte) 0xFE, '"', '}', '\n' });
		file.write(line(profile("v-5", "Fifth")));
		Path input = Files.write(files.resolve("bytes.jsonl"), file.toByteArray());

		JobExecution run = importing(input);

		assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(names()).containsExactlyInAnyOrder("First", "Third", "Fifth");
		List<JsonNode> report = report(run);
		assertThat(report).extracting(entry -> entry.get("line").asInt()).containsExactly(2, 4);
		assertThat(report.get(0).get("reason").asString()).startsWith("not valid JSON");
		assertThat(report.get(0).get("raw").asString()).contains("Nul\\u0000Byte");
		assertThat(report.get(1).get("reason").asString()).startsWith("not valid UTF-8");
		assertThat(report.get(1).get("raw").asString()).contains("Bad \\xFF\\xFE");
		assertThat(importing(input).getStatus()).isEqualTo(BatchStatus.COMPLETED);
	}

	@Test
	void anArrayWithBrokenElementsKeepsEveryWholeOneAndSaysWhereTheOthersAre() throws IOException {
		ByteArrayOutputStream file = new ByteArrayOutputStream();
		file.write(bytes("[" + profile("v-1", "First") + ",\n"));
		file.write(bytes(profile("v-2", "Not \u0000 escaped") + ",\n"));
		byte[] third = bytes(profile("v-3", "Bad XX"));
		third[third.length - 4] = (byte) 0xC3;
		third[third.length - 3] = (byte) 0x28;
		file.write(third);
		file.write(bytes(",\n" + profile("v-4", "Fourth") + ",\n"));
		file.write(bytes(profile("v-5", "Cut").substring(0, 40)));
		Path input = Files.write(files.resolve("broken.json"), file.toByteArray());

		JobExecution run = importing(input);

		assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(names()).containsExactlyInAnyOrder("First", "Fourth");
		List<JsonNode> report = report(run);
		assertThat(report).extracting(entry -> entry.get("element").asInt()).containsExactly(1, 2, 4);
		assertThat(report).extracting(entry -> entry.get("line").asInt()).containsExactly(2, 3, 5);
		assertThat(report.get(1).get("reason").asString()).startsWith("not valid UTF-8");
		assertThat(report.get(2).get("reason").asString()).contains("cut off");
	}

	@Test
	void aBatchOverHttpIsTakenElementByElementAndNothingValidInItIsLost() throws Exception {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		body.write(bytes("["));
		for (int i = 0; i < 7; i++) {
			body.write(bytes((i == 0 ? "" : ",") + profile("h-" + i, i == 2 ? "Nul\\u0000Name" : "Http " + i)));
		}
		body.write(bytes(",{\"type\":\"profile_seen\",\"channel\":\"frame\",\"at\":\"2025-08-20T10:00:00Z\"},"));
		byte[] notUtf8 = bytes(profile("h-9", "Bad XX"));
		notUtf8[notUtf8.length - 4] = (byte) 0xFF;
		body.write(notUtf8);
		body.write(bytes("]"));

		mvc.perform(post("/api/v1/captures").with(Tokens.OPERATOR.bearer()).contentType(MediaType.APPLICATION_JSON)
				.content(body.toByteArray()))
			.andExpect(status().isAccepted())
			.andExpect(jsonPath("$.accepted").value(7))
			.andExpect(jsonPath("$.refused[0].index").value(7))
			.andExpect(jsonPath("$.refused[0].reason").value(org.hamcrest.Matchers.containsString("visitor")))
			.andExpect(jsonPath("$.refused[1].index").value(8))
			.andExpect(jsonPath("$.refused[1].reason").value(org.hamcrest.Matchers.startsWith("not valid UTF-8")))
			.andExpect(jsonPath("$.warnings[0].index").value(2))
			.andExpect(jsonPath("$.warnings[0].field").value("name"));
		mvc.perform(post("/api/v1/captures").with(Tokens.OPERATOR.bearer()).contentType(MediaType.APPLICATION_JSON)
				.content("not json at all")).andExpect(status().isBadRequest());

		assertThat(jobs.run("capture-import", Map.of()).getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(names()).containsExactlyInAnyOrder("Http 0", "Http 1", "NulName", "Http 3", "Http 4", "Http 5",
				"Http 6");
		assertThat(store.jdbc().sql("select status, count(*) from capture_inbox group by status order by status")
			.query((rs, row) -> rs.getString(1) + " " + rs.getLong(2)).list()).containsExactly("failed 2", "processed 7");
	}

	private JobExecution importing(Path input) {
		return jobs.run("capture-import", Map.of("input", input.toString()));
	}

	/** Chatwoot widget messages of {@value #EVENTS} visitors, one conversation each; some with a malformed email. */
	private static List<JsonNode> widgetEvents() {
		List<JsonNode> events = new ArrayList<>();
		for (int i = 0; i < EVENTS; i++) {
			ObjectNode event = ChannelSamples.read("chatwoot/message_created__chatwoot_docs.json");
			event.put("id", 10_000 + i);
			ObjectNode conversation = (ObjectNode) event.get("conversation");
			conversation.put("id", 20_000 + i);
			((ObjectNode) conversation.get("contact_inbox")).put("contact_id", 30_000 + i);
			ObjectNode sender = (ObjectNode) conversation.get("meta").get("sender");
			sender.put("id", 30_000 + i);
			sender.put("email", i % 48 == 0 && i / 48 < BAD_EMAILS ? "visitor" + i + "@@example" : "v" + i + "@example.com");
			events.add(event);
		}
		return events;
	}

	private static String profile(String visitor, String name) {
		return "{\"type\":\"profile_seen\",\"channel\":\"frame\",\"visitor\":\"" + visitor
				+ "\",\"at\":\"2025-08-20T10:00:00Z\",\"name\":\"" + name + "\"}";
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] line(String text) {
		return bytes(text + "\n");
	}

	private List<String> names() {
		return store.jdbc().sql("select name from contact").query(String.class).list();
	}

	private static List<JsonNode> report(JobExecution run) throws IOException {
		String finish = run.getStepExecutions().stream().filter(step -> step.getStepName().equals("finishCaptures"))
			.findFirst().orElseThrow().getExitStatus().getExitDescription();
		if (!finish.contains("see ")) {
			return List.of();
		}
		return Files.readAllLines(Path.of(finish.replaceAll(".*see ", "").trim())).stream()
			.map(line -> (JsonNode) JsonMapper.shared().readTree(line)).toList();
	}
}
