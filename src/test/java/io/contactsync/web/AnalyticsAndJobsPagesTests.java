package io.contactsync.web;

import static io.contactsync.web.SignedInSessions.signIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.contactsync.jobs.JobRunLock;
import io.contactsync.support.ApplicationTest;
import io.contactsync.support.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** Contact Insights and the jobs pages: the numbers a person reads, launching a run and watching it end. */
class AnalyticsAndJobsPagesTests extends ApplicationTest {

	@Autowired
	JobRunLock runLock;

	@Value("${contactsync.reports-directory}")
	Path reports;

	@BeforeEach
	void clean() {
		store.clear();
		history.clearHistory();
	}

	@Nested
	class Analytics {

		@BeforeEach
		void contacts() {
			long olivia = store.contact().name("Olivia").email("olivia@example.com").createdAt("2025-08-20T10:00:00Z")
				.temperature("hot").status("active").insert();
			store.conversation(olivia, "closed", Instant.parse("2025-08-20T10:00:00Z"), "Hi", "Hello");
			store.conversation(olivia, "closed", Instant.parse("2025-08-21T10:00:00Z"), "Price?", "From $29");
			long mason = store.contact().name("Mason").createdAt("2025-08-21T10:00:00Z").insert();
			store.conversation(mason, "closed", Instant.parse("2025-08-21T11:00:00Z"), "Hi");
			store.contact().name("Harper").channel("whatsapp").phone("+44 20 7946 0958")
				.createdAt("2025-08-22T10:00:00Z").insert();
		}

		@Test
		void showsTheSeedsInsightsWithTheChartsDataAndTablesBesideThem() throws Exception {
			String page = page(get("/analytics"), Tokens.VIEWER);
			assertThat(page).contains("<p class=\"figure\" id=\"total-contacts\">3</p>")
				.contains("<h2>Avg conversations per contact</h2><p class=\"figure\">1.00</p>")
				.contains("<h2>Repeat visitors</h2><p class=\"figure\">1</p>")
				.contains("<canvas id=\"channel-chart\"", "<canvas id=\"day-chart\"")
				.contains("/webjars/chart.js/");
			assertThat(page.replaceAll("\\s+", " ")).contains("<th scope=\"row\">frame (Website widget)</th> <td>2</td> <td>66.7 %</td>")
				.contains("<th scope=\"row\">whatsapp (WhatsApp)</th> <td>1</td> <td>33.3 %</td>")
				.contains("<th scope=\"row\">hot</th> <td>1</td>")
				.contains("<th scope=\"row\">2025-08-21</th> <td>1</td>");
			// conversion: two left an email or a phone
			assertThat(page.replaceAll("\\s+", " ")).contains("<h2>Conversion rate</h2><p class=\"figure\">66.7 %</p>");
			assertThat(page).contains("\"new_contacts_per_day\":[{\"day\":\"2025-08-20\",\"contacts\":1}");
		}

		@Test
		void filtersByChannelAndDatesAsTheApiDoes() throws Exception {
			assertThat(page(get("/analytics").param("channel", "whatsapp").param("created", ""), Tokens.VIEWER))
				.contains("<p class=\"figure\" id=\"total-contacts\">1</p>");
			assertThat(page(get("/analytics").param("from", "2025-08-21").param("to", "2025-08-21"), Tokens.VIEWER))
				.contains("<p class=\"figure\" id=\"total-contacts\">1</p>");
			mvc.perform(get("/analytics").param("channel", "fax").session(signIn(mvc, Tokens.VIEWER)))
				.andExpect(status().isBadRequest())
				.andExpect(content().string(containsString("Unknown channel &#39;fax&#39;")));
		}
	}

	@Nested
	class Jobs {

		@Test
		void listsEveryJobWithItsScheduleAndLastRun() throws Exception {
			String page = page(get("/jobs"), Tokens.VIEWER);
			List<List<String>> rows = ContactPagesTests.rows(page, "jobs");
			assertThat(rows).extracting(row -> row.get(0)).contains("nightly-sync", "dedup", "generate", "lead-scoring");
			assertThat(rows).filteredOn(row -> row.get(0).equals("nightly-sync")).singleElement()
				.satisfies(row -> assertThat(row.get(1)).contains("0 0 2 * * *"));
			assertThat(rows).filteredOn(row -> row.get(0).equals("generate")).singleElement()
				.satisfies(row -> assertThat(row).contains("on demand", "never"));
		}

		@Test
		void anOperatorLaunchesARunAndWatchesItCompleteWithStepCounts() throws Exception {
			MockHttpSession operator = signIn(mvc, Tokens.OPERATOR);
			String location = mvc.perform(post("/jobs/generate/launch").param("parameters", "contacts=7\nseed=3\n")
				.session(operator).with(csrf())).andExpect(status().isFound()).andReturn().getResponse()
				.getRedirectedUrl();
			assertThat(location).matches("/executions/\\d+");

			String status = awaitEnd(location, operator);
			assertThat(status).contains("<span id=\"run-status\" class=\"badge run-completed\">COMPLETED</span>")
				.doesNotContain("hx-trigger");
			assertThat(ContactPagesTests.rows(status, "steps")).anySatisfy(
					row -> assertThat(row).startsWith("generateContacts", "COMPLETED", "7", "7"));
			assertThat(store.count("contact")).isEqualTo(7);

			String job = page(get("/jobs/generate"), Tokens.OPERATOR);
			assertThat(job).contains("contacts=7").contains("run-completed");
		}

		@Test
		void aRunningExecutionPollsItself() throws Exception {
			MockHttpSession operator = signIn(mvc, Tokens.OPERATOR);
			String location = launchAndAwaitEnd("contacts=3", operator);
			long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
			// As a run still going on looks: the section asks for itself again every two seconds.
			history.markAsLeftRunning(id);
			String running = mvc.perform(get(location).header("HX-Request", "true").session(operator)).andReturn()
				.getResponse().getContentAsString();
			assertThat(running).startsWith("<section id=\"execution\"")
				.contains("hx-get=\"/executions/" + id + "\"", "hx-trigger=\"every 2s\"")
				.contains(">Stop</button>");
		}

		@Test
		void aBadParameterIsShownOnTheFormAndNothingRuns() throws Exception {
			MockHttpSession operator = signIn(mvc, Tokens.OPERATOR);
			mvc.perform(post("/jobs/generate/launch").param("parameters", "contacts=lots").session(operator).with(csrf()))
				.andExpect(status().isBadRequest())
				.andExpect(content().string(containsString("id=\"launch-error\"")))
				.andExpect(content().string(containsString("contacts=lots")));
			mvc.perform(post("/jobs/generate/launch").param("parameters", "just words").session(operator).with(csrf()))
				.andExpect(status().isBadRequest())
				.andExpect(content().string(containsString("&#39;just words&#39; is not name=value")));
			mvc.perform(post("/jobs/nope/launch").session(operator).with(csrf())).andExpect(status().isNotFound());
			assertThat(store.count("contact")).isZero();
		}

		@Test
		void aLaunchWhileTheJobRunsElsewhereSaysSoAndStartsNothing() throws Exception {
			MockHttpSession operator = signIn(mvc, Tokens.OPERATOR);
			try (JobRunLock.Held elsewhere = runLock.tryAcquire("generate").orElseThrow()) {
				mvc.perform(post("/jobs/generate/launch").param("parameters", "contacts=1").session(operator)
					.with(csrf()))
					.andExpect(status().isConflict())
					.andExpect(content().string(containsString("generate is running already; wait for that run to end.")));
			}
			assertThat(store.count("contact")).isZero();
		}

		@Test
		void aViewerSeesNoLaunchFormAndIsRefusedStopRestartAndReports() throws Exception {
			assertThat(page(get("/jobs/generate"), Tokens.VIEWER)).doesNotContain("Launch a run");
			MockHttpSession viewer = signIn(mvc, Tokens.VIEWER);
			mvc.perform(post("/executions/1/stop").session(viewer).with(csrf())).andExpect(status().isForbidden());
			mvc.perform(post("/executions/1/restart").session(viewer).with(csrf())).andExpect(status().isForbidden());
			mvc.perform(get("/executions/1/report").session(viewer)).andExpect(status().isForbidden());
		}

		@Test
		void theErrorReportARunWroteIsOfferedForDownload() throws Exception {
			MockHttpSession operator = signIn(mvc, Tokens.OPERATOR);
			String location = launchAndAwaitEnd("contacts=2", operator);
			long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
			assertThat(page(get(location), Tokens.OPERATOR)).doesNotContain("Download the error report");
			mvc.perform(get(location + "/report").session(operator)).andExpect(status().isNotFound());

			long instance = store.jdbc().sql("select job_instance_id from batch_job_execution where job_execution_id = :id")
				.param("id", id).query(Long.class).single();
			Path report = reports.resolve("generate-" + instance + "-errors.csv");
			Files.createDirectories(reports);
			Files.writeString(report, "contact_id,error\n42,refused\n");
			try {
				assertThat(page(get(location), Tokens.OPERATOR)).contains("Download the error report");
				assertThat(page(get("/jobs"), Tokens.OPERATOR)).contains("href=\"/executions/" + id + "/report\"");
				mvc.perform(get(location + "/report").session(operator))
					.andExpect(status().isOk())
					.andExpect(header().string("Content-Disposition", containsString(report.getFileName().toString())))
					.andExpect(content().string("contact_id,error\n42,refused\n"));
			}
			finally {
				Files.delete(report);
			}
		}

		@Test
		void aFailedRunIsRestartedFromItsPageAndCompletes() throws Exception {
			MockHttpSession operator = signIn(mvc, Tokens.OPERATOR);
			history.failWritesBeyond(0);
			String failed;
			try {
				failed = launchAndAwaitEnd("contacts=5", operator);
			}
			finally {
				history.stopFailing();
			}
			String page = page(get(failed), Tokens.OPERATOR);
			assertThat(page).contains("<span id=\"run-status\" class=\"badge run-failed\">FAILED</span>")
				.contains("<pre class=\"exit-message\">")
				.doesNotContain("org.springframework.batch.core.step.FatalStepExecutionException", "\tat ")
				.contains(">Restart</button>");

			String restarted = mvc.perform(post(failed + "/restart").session(operator).with(csrf()))
				.andExpect(status().isFound()).andReturn().getResponse().getRedirectedUrl();
			assertThat(restarted).isNotEqualTo(failed);
			assertThat(awaitEnd(restarted, operator)).contains("COMPLETED");
			assertThat(store.count("contact")).isEqualTo(5);
		}

		@Test
		void stoppingARunThatEndedSaysSo() throws Exception {
			MockHttpSession operator = signIn(mvc, Tokens.OPERATOR);
			String location = launchAndAwaitEnd("contacts=1", operator);
			mvc.perform(post(location + "/stop").session(operator).with(csrf()))
				.andExpect(status().isConflict())
				.andExpect(content().string(containsString("there is nothing to stop")));
			mvc.perform(post(location + "/restart").session(operator).with(csrf()))
				.andExpect(status().isConflict())
				.andExpect(content().string(containsString("only a FAILED or STOPPED run")));
		}

		private String launchAndAwaitEnd(String parameters, MockHttpSession session) throws Exception {
			String location = mvc.perform(post("/jobs/generate/launch").param("parameters", parameters)
				.session(session).with(csrf())).andReturn().getResponse().getRedirectedUrl();
			awaitEnd(location, session);
			return location;
		}

		/** Polls the run's status section as htmx does until the run has ended; returns the last section. */
		private String awaitEnd(String location, MockHttpSession session) throws Exception {
			Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
			while (true) {
				String section = mvc.perform(get(location).header("HX-Request", "true").session(session))
					.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
				if (!section.contains("hx-trigger") || Instant.now().isAfter(deadline)) {
					return section;
				}
				Thread.sleep(100);
			}
		}
	}

	private String page(MockHttpServletRequestBuilder request, Tokens token) throws Exception {
		return mvc.perform(request.session(signIn(mvc, token))).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString();
	}
}
