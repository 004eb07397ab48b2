package io.contactsync.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import io.contactsync.support.ApplicationTest;
import io.contactsync.support.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

/**
 * How operators run jobs: the nightly-sync flow, the HTTP trigger and execution API, restart, the schedule and the
 * missed-run report, against the embedded PostgreSQL and the real jobs.
 */
class JobOrchestrationTests extends ApplicationTest {

	@Autowired
	JobRuns runs;

	@Autowired
	JobLaunches launches;

	@Autowired
	JobFiles files;

	@Autowired
	JobRunLock runLock;

	@BeforeEach
	void emptyStoreAndHistory() {
		store.clear();
		history.clearHistory();
	}

	@AfterEach
	void noInjectedFailure() {
		history.stopFailing();
	}

	@Test
	void nightlySyncRunsEveryStepOfThePipelineInOrderOverTheSamples() {
		JobExecution flow = jobs.run("nightly-sync", Map.of("capture-import.input", "samples"));

		assertThat(flow.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(flow.getStepExecutions()).extracting(StepExecution::getStepName)
			.containsExactly("capture-import", "dedup", "lead-scoring", "retention", "crm-push");
		Map<String, JobExecution> children = runs.flowChildren(flow);
		assertThat(children.keySet()).containsExactly("capture-import", "dedup", "lead-scoring", "retention", "crm-push");
		assertThat(children.get("capture-import").getJobParameters().getString("input")).isEqualTo("samples");
		assertThat(children.get("crm-push").getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(store.count("contact")).isEqualTo(8);
		// lead-scoring ran on what the import brought, before the push: every contact has its score.
		assertThat(store.count("lead_score")).isEqualTo(8);
	}

	@Test
	void theFlowsAsOfReachesTheJobsThatWorkAsOfAMomentAndNoOther() {
		JobExecution flow = jobs.run("nightly-sync", Map.of("capture-import.input", "samples", "asOf", "2025-08-01"));

		Map<String, JobExecution> children = runs.flowChildren(flow);
		assertThat(children.get("lead-scoring").getJobParameters().getString("asOf")).isEqualTo("2025-08-01");
		assertThat(children.get("retention").getJobParameters().getString("asOf")).isEqualTo("2025-08-01");
		assertThat(children.get("crm-push").getJobParameters().getString("asOf")).isNull();
		assertThat(children.get("capture-import").getJobParameters().getString("asOf")).isNull();
		assertThatThrownBy(() -> jobs.run("nightly-sync", Map.of("asOf", "2025-09-01")))
			.isInstanceOf(JobUsageException.class)
			.hasMessageContaining("is in the future");
	}

	@Test
	void aFailedImportStillPurgesTheDueErasuresAndARestartResumesAtTheImportWithoutImportingTwice() {
		long leaving = store.contact().name("Due For Erasure").email("leaving@example.com").insert();
		store.jdbc().sql("update contact set erasure_requested_at = '2025-07-01T00:00:00Z', erasure_due_at ="
				+ " '2025-08-01T00:00:00Z', erasure_requested_by = 'test' where id = :id").param("id", leaving).update();
		history.failWritesBeyond(1);
		JobExecution failed = jobs.run("nightly-sync", Map.of("capture-import.input", "samples"));

		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(failed.getStepExecutions()).extracting(StepExecution::getStepName, StepExecution::getStatus)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("capture-import", BatchStatus.FAILED),
					org.assertj.core.groups.Tuple.tuple("retention-erasures", BatchStatus.COMPLETED),
					org.assertj.core.groups.Tuple.tuple("crm-push-deletions", BatchStatus.COMPLETED));
		assertThat(failed.getExitStatus().getExitDescription()).startsWith("capture-import failed: ")
			.contains("simulated failure: the store may not grow past 1 contacts")
			.contains("ran instead only retention-erasures, crm-push-deletions");
		// The GDPR erasure that was due did not wait for the import: the contact is gone.
		assertThat(store.count("contact")).isZero();

		history.stopFailing();
		JobExecution resumed = jobs.restart(failed.getId());

		assertThat(resumed.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(resumed.getJobInstance().getInstanceId()).isEqualTo(failed.getJobInstance().getInstanceId());
		assertThat(resumed.getStepExecutions()).extracting(StepExecution::getStepName)
			.containsExactly("capture-import", "dedup", "lead-scoring", "retention", "crm-push");
		// The step restarted capture-import's own failed run, not a new import.
		assertThat(runs.flowChildren(resumed).get("capture-import").getJobInstance().getInstanceId())
			.isEqualTo(runs.flowChildren(failed).get("capture-import").getJobInstance().getInstanceId());
		assertThat(store.count("contact")).isEqualTo(8);
	}

	@Test
	void aLaunchParameterOfAStepThatDoesNotExistIsRefusedBeforeAnythingRuns() {
		assertThatThrownBy(() -> jobs.run("nightly-sync", Map.of("enrich.level", "2")))
			.isInstanceOf(JobUsageException.class)
			.hasMessageContaining("nightly-sync takes asOf=<date or instant> for lead-scoring and retention, and its steps' parameters as");
		assertThatThrownBy(() -> jobs.run("nightly-sync",
				Map.of("capture-import.input", "no/such/folder")))
			.isInstanceOf(JobUsageException.class)
			.hasMessageContaining("input no/such/folder does not exist");
	}

	@Test
	void theHttpTriggerLaunchesARunThatTheExecutionApiReports() throws Exception {
		String answer = mvc.perform(post("/api/v1/jobs/generate/executions").with(Tokens.OPERATOR.bearer())
				.contentType(MediaType.APPLICATION_JSON).content("{\"contacts\": 40, \"seed\": 3}"))
			.andExpect(status().isAccepted())
			.andExpect(jsonPath("$.job").value("generate"))
			.andExpect(jsonPath("$.parameters.contacts").value("40"))
			.andReturn().getResponse().getContentAsString();
		long id = json.readTree(answer).get("id").asLong();

		JsonNode finished = awaitEnd(id);

		assertThat(finished.get("status").asString()).isEqualTo("COMPLETED");
		assertThat(finished.get("steps").get(0).get("name").asString()).isEqualTo("generateContacts");
		assertThat(finished.get("steps").get(0).get("written").asLong()).isEqualTo(40);
		assertThat(store.count("contact")).isEqualTo(40);
		mvc.perform(get("/api/v1/jobs/generate/executions?size=5").with(Tokens.VIEWER.bearer()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.total").value(1))
			.andExpect(jsonPath("$.executions[0].id").value(id));
		JsonNode listed = json.readTree(mvc.perform(get("/api/v1/jobs").with(Tokens.VIEWER.bearer()))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
		Map<String, JsonNode> byName = new java.util.HashMap<>();
		listed.forEach(job -> byName.put(job.get("name").asString(), job));
		assertThat(byName.get("generate").get("last_run").get("id").asLong()).isEqualTo(id);
		assertThat(byName.get("nightly-sync").get("schedule").get("cron").asString()).isEqualTo("0 0 2 * * *");
		assertThat(mvc.perform(get("/actuator/prometheus").with(Tokens.VIEWER.bearer()))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString())
			.contains("contactsync_step_items_total{job=\"generate\",kind=\"written\",step=\"generateContacts\"}")
			.containsPattern("contactsync_job_last_success_seconds\\{job=\"generate\"} [1-9]");
	}

	@Test
	void aLaunchWithoutParametersStartsANewRunEachTime() throws Exception {
		long first = launch("copy-baseline", "");
		awaitEnd(first);
		long second = launch("copy-baseline", "");

		assertThat(second).isNotEqualTo(first);
		assertThat(awaitEnd(second).get("status").asString()).isEqualTo("COMPLETED");
	}

	@Test
	void aLaunchWhileTheJobRunsAnywhereIsAConflict() throws Exception {
		try (JobRunLock.Held elsewhere = runLock.tryAcquire("generate").orElseThrow()) {
			mvc.perform(post("/api/v1/jobs/generate/executions").with(Tokens.OPERATOR.bearer()))
				.andExpect(status().isConflict())
				.andExpect(header().string("Content-Type", "application/problem+json"))
				.andExpect(jsonPath("$.detail").value("Job generate is already running; wait for that run to end, or stop"
						+ " it, and launch again."));
		}
		assertThat(store.count("contact")).isZero();
	}

	@Test
	void badLaunchesAreAnsweredWithWhatIsWrong() throws Exception {
		mvc.perform(post("/api/v1/jobs/generate/executions").with(Tokens.OPERATOR.bearer())
				.contentType(MediaType.APPLICATION_JSON).content("{\"contacts\": \"lots\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value("contacts must be a whole number, not 'lots'."));
		mvc.perform(post("/api/v1/jobs/generate/executions").with(Tokens.OPERATOR.bearer())
				.contentType(MediaType.APPLICATION_JSON).content("[1, 2]"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.startsWith("The body is not a JSON object.")));
		mvc.perform(post("/api/v1/jobs/frobnicate/executions").with(Tokens.OPERATOR.bearer()))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.startsWith("Unknown job 'frobnicate'")));
		mvc.perform(get("/api/v1/jobs/generate/executions?size=1000").with(Tokens.VIEWER.bearer()))
			.andExpect(status().isBadRequest());
	}

	@Test
	void aFailedRunIsRestartedOverHttpAndACompletedOneIsNot() throws Exception {
		history.failWritesBeyond(0);
		JobExecution failed = jobs.run("generate", Map.of("contacts", "30"));
		history.stopFailing();

		String answer = mvc.perform(post("/api/v1/executions/" + failed.getId() + "/restart")
				.with(Tokens.OPERATOR.bearer()))
			.andExpect(status().isAccepted())
			.andReturn().getResponse().getContentAsString();
		long restarted = json.readTree(answer).get("id").asLong();

		assertThat(awaitEnd(restarted).get("status").asString()).isEqualTo("COMPLETED");
		assertThat(store.count("contact")).isEqualTo(30);
		mvc.perform(post("/api/v1/executions/" + restarted + "/restart").with(Tokens.OPERATOR.bearer()))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("is COMPLETED")));
		mvc.perform(post("/api/v1/executions/" + restarted + "/stop").with(Tokens.OPERATOR.bearer()))
			.andExpect(status().isConflict());
	}

	@Test
	void aRunningJobRefusesASecondLaunchIsStoppedOverHttpAndResumesToTheSameEnd() throws Exception {
		long id = launch("generate", "{\"contacts\": 20000}");
		awaitStatus(id, "STARTED");
		mvc.perform(post("/api/v1/jobs/generate/executions").with(Tokens.OPERATOR.bearer()))
			.andExpect(status().isConflict());

		mvc.perform(post("/api/v1/executions/" + id + "/stop").with(Tokens.OPERATOR.bearer()))
			.andExpect(status().isAccepted());

		assertThat(awaitEnd(id).get("status").asString()).isEqualTo("STOPPED");
		assertThat(store.count("contact")).isLessThan(20_000);
		JobExecution resumed = jobs.restart(id);
		assertThat(resumed.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(store.count("contact")).isEqualTo(20_000);
	}

	@Test
	void aShortScheduleFiresAndEachFireTimeRunsOnce() throws Exception {
		JobSchedule everySecond = new JobSchedule("copy-baseline", null, "* * * * * *", ZoneId.of("UTC"));
		JobScheduler scheduler = new JobScheduler(List.of(everySecond), jobs, launches, runs, Clock.systemUTC());
		scheduler.start();
		try {
			awaitScheduledRuns(2);
		}
		finally {
			scheduler.stop();
		}
		// A second instance firing for a time already run finds it done and runs nothing.
		Instant fired = Instant.parse(store.jdbc().sql("""
				select min(parameter_value) from batch_job_execution_params where parameter_name = 'scheduled.for'""")
			.query(String.class).single());
		awaitNoRunning();
		long before = store.count("batch_job_execution");
		new JobScheduler(List.of(), jobs, launches, runs, Clock.fixed(fired, ZoneId.of("UTC"))).fire(everySecond);
		assertThat(store.count("batch_job_execution")).isEqualTo(before);
	}

	@Test
	void aScheduledRunMissedWhileTheServiceWasDownIsReported() {
		jobs.run("generate", Map.of("contacts", "5"));
		JobSchedule daily = new JobSchedule("generate", null, "0 0 2 * * *", ZoneId.of("UTC"));
		Clock twoDaysLater = Clock.offset(Clock.systemUTC(), Duration.ofDays(2));

		JobRuns later = new JobRuns(jobs, files, store.jdbc(), twoDaysLater);

		assertThat(later.missedRun(daily)).isPresent();
		assertThat(runs.missedRun(new JobSchedule("generate", null, "0 0 2 * * *", ZoneId.of("UTC")))).isEmpty();
	}

	private long launch(String job, String body) throws Exception {
		String answer = mvc.perform(post("/api/v1/jobs/" + job + "/executions").with(Tokens.OPERATOR.bearer())
				.contentType(MediaType.APPLICATION_JSON).content(body))
			.andExpect(status().isAccepted())
			.andExpect(header().exists("Location"))
			.andReturn().getResponse().getContentAsString();
		return json.readTree(answer).get("id").asLong();
	}

	private JsonNode execution(long id) throws Exception {
		return json.readTree(mvc.perform(get("/api/v1/executions/" + id).with(Tokens.VIEWER.bearer()))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
	}

	private JsonNode awaitEnd(long id) throws Exception {
		Instant deadline = Instant.now().plusSeconds(120);
		while (Instant.now().isBefore(deadline)) {
			JsonNode execution = execution(id);
			String status = execution.get("status").asString();
			if (!List.of("STARTING", "STARTED", "STOPPING").contains(status) && !runLock.isHeld(execution.get("job").asString())) {
				return execution;
			}
			Thread.sleep(50);
		}
		throw new AssertionError("Execution " + id + " did not end within 120 s");
	}

	private void awaitStatus(long id, String wanted) throws Exception {
		Instant deadline = Instant.now().plusSeconds(60);
		while (Instant.now().isBefore(deadline)) {
			if (execution(id).get("status").asString().equals(wanted) && store.count("contact") > 0) {
				return;
			}
			Thread.sleep(20);
		}
		throw new AssertionError("Execution " + id + " never was " + wanted);
	}

	private void awaitScheduledRuns(int runs) throws InterruptedException {
		Instant deadline = Instant.now().plusSeconds(30);
		while (Instant.now().isBefore(deadline)) {
			long scheduled = store.jdbc().sql("""
					select count(*) from batch_job_execution e join batch_job_execution_params p
					  on p.job_execution_id = e.job_execution_id and p.parameter_name = 'scheduled.for'
					where e.status = 'COMPLETED'""").query(Long.class).single();
			if (scheduled >= runs) {
				return;
			}
			Thread.sleep(100);
		}
		throw new AssertionError("The schedule did not run " + runs + " times within 30 s");
	}

	private void awaitNoRunning() throws InterruptedException {
		while (runLock.isHeld("copy-baseline")) {
			Thread.sleep(20);
		}
	}
}
