package io.contactsync.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.util.Map;

import io.contactsync.support.ApplicationTest;
import io.contactsync.support.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import tools.jackson.databind.JsonNode;

/** A viewer reading a failed run learns what went wrong, not the code's insides: no stack frames, no class names. */
class FailureDisclosureTests extends ApplicationTest {

	@BeforeEach
	void failingStore() {
		store.clear();
		history.clearHistory();
		history.failWritesBeyond(0);
	}

	@AfterEach
	void healed() {
		history.stopFailing();
	}

	@Test
	void aFailedRunShowsItsMessageWithoutTheStackTrace() throws Exception {
		JobExecution failed = jobs.run("capture-import", Map.of("input", "samples"));
		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(failed.getExitStatus().getExitDescription()).contains("\tat ");

		JsonNode shown = json.readTree(mvc.perform(get("/api/v1/executions/" + failed.getId())
				.with(Tokens.VIEWER.bearer())).andReturn().getResponse().getContentAsString());

		String message = shown.get("exit_message").asString();
		assertThat(message).contains("simulated failure: the store may not grow past 0 contacts")
			.doesNotContain("\tat ", "at io.", "at org.", "java.lang.", "org.springframework.", ".java:");
		shown.get("steps").forEach(step -> assertThat(step.get("exit_message").asString())
			.doesNotContain("\tat ", ".java:", "java.lang.", "org.springframework."));
	}
}
