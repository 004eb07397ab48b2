package io.contactsync.web;

import static io.contactsync.web.SignedInSessions.signIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Map;

import io.contactsync.support.ApplicationTest;
import io.contactsync.support.TestClock;
import io.contactsync.support.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.mock.web.MockHttpSession;
import tools.jackson.databind.JsonNode;

/**
 * The run page of a run that is still going: each running step that counts its items shows a bar, how many of how
 * many, the rate and the time left, and the section htmx fetches again every two seconds carries them on.
 */
class RunProgressPageTests extends ApplicationTest {

	private long run;

	private MockHttpSession viewer;

	@BeforeEach
	void aGenerateRunLeftHalfWay() throws Exception {
		store.clear();
		history.clearHistory();
		JobExecution execution = jobs.run("generate", Map.of("contacts", "30"));
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		run = execution.getId();
		viewer = signIn(mvc, Tokens.VIEWER);
	}

	@Test
	void aCompletedRunShowsNoProgress() throws Exception {
		assertThat(page()).doesNotContain("<progress", "Progress</h2>");
	}

	@Test
	void aRunningStepShowsItsBarCountsRateAndTimeLeft() throws Exception {
		// As a run still going on looks, ten seconds after generateContacts started, 12 of its 30 contacts made.
		history.markAsLeftRunning(run);
		generateContactsAt(12);

		String page = page();

		assertThat(page).contains("<h2 id=\"progress-heading\">Progress</h2>")
			.contains("<label for=\"progress-0\">generateContacts</label>")
			.contains("<progress id=\"progress-0\" max=\"30\" value=\"12\">40 %</progress>")
			.contains("12 of 30 read (40 %), 1.2/s, about 15 s left");
		// analyzeStore, left running too, counts nothing until it ends: no bar to show for it.
		assertThat(page).containsOnlyOnce("<progress").doesNotContain(">analyzeStore</label>");
	}

	@Test
	void theRefreshingSectionCarriesTheProgressOn() throws Exception {
		history.markAsLeftRunning(run);
		generateContactsAt(12);
		generateContactsAt(24);

		String section = mvc.perform(get("/executions/" + run).header("HX-Request", "true").session(viewer))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();

		assertThat(section).startsWith("<section id=\"execution\"").contains("hx-trigger=\"every 2s\"")
			.contains("<progress id=\"progress-0\" max=\"30\" value=\"24\">80 %</progress>")
			.contains("24 of 30 read (80 %), 2.4/s, about 3 s left");
	}

	@Test
	void theExecutionApiGivesTheSameFiguresAndNoneForAStepThatEnded() throws Exception {
		history.markAsLeftRunning(run);
		generateContactsAt(12);
		store.jdbc().sql("update batch_step_execution set status = 'COMPLETED' where job_execution_id = :run"
				+ " and step_name = 'analyzeStore'").param("run", run).update();

		JsonNode steps = json.readTree(mvc.perform(get("/api/v1/executions/" + run).with(Tokens.VIEWER.bearer()))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString()).get("steps");

		JsonNode progress = steps.get(0).get("progress");
		assertThat(steps.get(0).get("name").asString()).isEqualTo("generateContacts");
		assertThat(progress.get("done").asLong()).isEqualTo(12);
		assertThat(progress.get("total").asLong()).isEqualTo(30);
		assertThat(progress.get("rate").asDouble()).isEqualTo(1.2);
		assertThat(steps.get(1).has("progress")).as("analyzeStore ended").isFalse();
	}

	/** generateContacts as it is ten seconds after it started, with {@code read} contacts made. */
	private void generateContactsAt(long read) {
		LocalDateTime started = LocalDateTime.ofInstant(TestClock.NOW.minusSeconds(10), ZoneId.systemDefault());
		store.jdbc().sql("""
				update batch_step_execution set start_time = :started, read_count = :read
				where job_execution_id = :run and step_name = 'generateContacts'""")
			.param("started", started).param("read", read).param("run", run).update();
	}

	private String page() throws Exception {
		return mvc.perform(get("/executions/" + run).session(viewer)).andExpect(status().isOk()).andReturn()
			.getResponse().getContentAsString();
	}
}
