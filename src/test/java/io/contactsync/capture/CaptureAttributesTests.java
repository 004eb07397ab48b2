package io.contactsync.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.contactsync.support.ApplicationTest;
import io.contactsync.support.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;

/**
 * What a visitor gives beyond name, email and phone reaches contact.attributes, fill-only, and from there the
 * profile, the subject export, the CRMs; a person's edit wins over a later capture; erasure takes it away.
 */
class CaptureAttributesTests extends ApplicationTest {

	@Value("${contactsync.reports-directory:data/reports}")
	Path reports;

	@TempDir
	Path files;

	@BeforeEach
	void emptyStoreAndHistory() {
		store.clear();
		history.clearHistory();
	}

	@Test
	void aFormsFieldsAndTheLocaleShowOnTheProfileAndInTheSubjectExport() throws Exception {
		importing(form("v-1", "2025-08-20T10:00:00Z", "\"company\":\"Acme\",\"plan\":\"pro\""));
		long id = onlyContact();

		mvc.perform(get("/api/v1/contacts/" + id).with(Tokens.VIEWER.bearer()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.email").value("ann@example.com"))
			.andExpect(jsonPath("$.attributes.company").value("Acme"))
			.andExpect(jsonPath("$.attributes.plan").value("pro"))
			.andExpect(jsonPath("$.attributes.locale").value("de-AT"));
		mvc.perform(get("/api/v1/contacts/" + id + "/subject-export").with(Tokens.ADMIN.bearer()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.contact.attributes.company").value("Acme"));
	}

	@Test
	void aPersonsEditOfAnAttributeWinsOverLaterCaptures() throws Exception {
		importing(form("v-1", "2025-08-20T10:00:00Z", "\"company\":\"Acme\",\"city\":\"Graz\""));
		long id = onlyContact();

		mvc.perform(patch("/api/v1/contacts/" + id).with(Tokens.ADMIN.bearer()).contentType(MediaType.APPLICATION_JSON)
				.content("{\"attributes\": {\"company\": \"Acme Holding\", \"city\": null}, \"version\": 1}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.attributes.company").value("Acme Holding"))
			.andExpect(jsonPath("$.attributes.city").doesNotExist());
		importing(form("v-1", "2025-08-21T10:00:00Z", "\"company\":\"Other\",\"city\":\"Wien\",\"seats\":\"5\""));

		assertThat(attributes(id)).containsEntry("company", "Acme Holding").doesNotContainKey("city")
			.containsEntry("seats", "5");
		mvc.perform(patch("/api/v1/contacts/" + id).with(Tokens.ADMIN.bearer()).contentType(MediaType.APPLICATION_JSON)
				.content("{\"attributes\": {\"company\": 5}, \"version\": 99}"))
			.andExpect(status().isBadRequest());
	}

	@Test
	void attributesBeyondTheLimitsAreCutOrDroppedWithWarningsNotFailures() throws IOException {
		StringBuilder fields = new StringBuilder("\"long\":\"" + "x".repeat(1500) + "\",\"" + "k".repeat(70) + "\":\"v\"");
		for (int i = 0; i < 60; i++) {
			fields.append(",\"f").append(i).append("\":\"").append(i).append('"');
		}
		JobExecution run = importing(form("v-1", "2025-08-20T10:00:00Z", fields.toString()));

		assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		Map<String, String> attributes = attributes(onlyContact());
		assertThat(attributes).hasSizeLessThanOrEqualTo(50);
		assertThat(attributes.get("long")).hasSize(1000).endsWith(io.contactsync.store.StorableText.TRUNCATION_MARK);
		assertThat(finish(run)).contains("fields cleaned, cut or dropped");
	}

	@Test
	void aMappingNamesACapturedAttributeAsItsSource() throws Exception {
		importing(form("v-1", "2025-08-20T10:00:00Z", "\"company\":\"Acme Corp\""));

		JobExecution push = jobs.run("crm-push", Map.of("target", "salesforce", "dryRun", "true"));

		assertThat(push.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		Path dryRun = reports.resolve("crm-push-" + push.getJobInstance().getInstanceId() + "-dry-run.jsonl");
		assertThat(Files.readString(dryRun)).contains("\"Company\":\"Acme Corp\"");
	}

	@Test
	void erasureTakesTheAttributesWithTheContact() throws IOException {
		importing(form("v-1", "2025-08-20T10:00:00Z", "\"company\":\"Erased Inc\""));
		store.jdbc().sql("update contact set erasure_requested_at = '2025-07-01T00:00:00Z', erasure_due_at ="
				+ " '2025-08-01T00:00:00Z', erasure_requested_by = 'test'").update();

		assertThat(jobs.run("retention", Map.of("only", "erasures")).getStatus()).isEqualTo(BatchStatus.COMPLETED);

		assertThat(store.count("contact")).isZero();
		assertThat(store.jdbc().sql("select count(*) from contact where attributes::text like '%Erased Inc%'")
			.query(Long.class).single()).isZero();
	}

	private JobExecution importing(String line) throws IOException {
		Path input = Files.write(files.resolve("form-" + System.nanoTime() + ".jsonl"), List.of(line));
		return jobs.run("capture-import", Map.of("input", input.toString()));
	}

	private static String form(String visitor, String at, String fields) {
		return "{\"type\":\"form_submitted\",\"channel\":\"frame\",\"visitor\":\"" + visitor + "\",\"at\":\"" + at
				+ "\",\"locale\":\"de-AT\",\"fields\":{\"name\":\"Ann Lee\",\"email\":\"ann@example.com\"," + fields + "}}";
	}

	private long onlyContact() {
		return store.jdbc().sql("select id from contact").query(Long.class).single();
	}

	private Map<String, String> attributes(long id) {
		String json = store.jdbc().sql("select attributes::text from contact where id = :id").param("id", id)
			.query(String.class).single();
		Map<String, String> values = new java.util.TreeMap<>();
		tools.jackson.databind.json.JsonMapper.shared().readTree(json).properties()
			.forEach(entry -> values.put(entry.getKey(), entry.getValue().asString()));
		return values;
	}

	private static String finish(JobExecution run) {
		return run.getStepExecutions().stream().filter(step -> step.getStepName().equals("finishCaptures")).findFirst()
			.orElseThrow().getExitStatus().getExitDescription();
	}
}
