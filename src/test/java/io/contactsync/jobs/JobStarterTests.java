package io.contactsync.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import io.contactsync.policy.CheckedFiles;
import io.contactsync.support.ContactSyncTest;
import io.contactsync.support.JobFixture;
import io.contactsync.support.StoreFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Launching jobs as the command line does: usage errors, one run at a time, and the exit codes. */
@ContactSyncTest
@ExtendWith(OutputCaptureExtension.class)
class JobStarterTests {

	@Autowired
	JobStarter starter;

	@Autowired
	JobRunLock runLock;

	@Autowired
	JobFiles jobFiles;

	@Autowired
	List<CheckedFiles> checkedFiles;

	@Autowired
	RunningJobs runningJobs;

	@Autowired
	JobRuns runs;

	@Autowired
	JobPlatformProperties platform;

	@Autowired
	StoreFixture store;

	@Autowired
	Clock clock;

	@Autowired
	JobFixture history;

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
	void refusesAnUnknownJobNamingTheJobsThereAre() {
		assertThatThrownBy(() -> starter.run("import-everything", Map.of()))
			.isInstanceOf(JobUsageException.class)
			.hasMessage("Unknown job 'import-everything'; the jobs are capture-import, copy-baseline, crm-push, dedup, dedup-evaluate, dedup-sample, export, generate, generate-captures, lead-scoring, nightly-sync, retention.");
	}

	@Test
	void refusesBadParametersBeforeAnythingRuns() {
		assertThatThrownBy(() -> starter.run("generate", Map.of("contacts", "many")))
			.isInstanceOf(JobUsageException.class)
			.hasMessage("contacts must be a whole number, not 'many'.");
		assertThatThrownBy(() -> starter.run("generate", Map.of("contacts", "0")))
			.hasMessage("contacts must be from 1 to 10000000, not 0.");
		assertThatThrownBy(() -> starter.run("generate", Map.of("people", "5")))
			.hasMessageContaining("'people' is not a parameter of it");
		assertThatThrownBy(() -> starter.run("generate", Map.of("run.id", "5")))
			.hasMessageContaining("run.id is set by Contact Sync itself");
		assertThat(store.count("contact")).isZero();
	}

	@Test
	void refusesARunWhileAnotherRunOfTheJobHoldsItsLock() {
		try (JobRunLock.Held elsewhere = runLock.tryAcquire("generate").orElseThrow()) {
			assertThatThrownBy(() -> starter.run("generate", Map.of("contacts", "10")))
				.isInstanceOf(JobAlreadyRunningException.class)
				.hasMessageStartingWith("Job generate is already running");
		}
		assertThat(starter.run("generate", Map.of("contacts", "10")).getStatus().isUnsuccessful()).isFalse();
	}

	@Test
	void commandPrintsEachStepAndExitsZeroWhenTheJobCompletes(CapturedOutput output) {
		JobCommand command = command();
		command.run(arguments("run", "generate", "contacts=25"));

		assertThat(command.getExitCode()).isEqualTo(JobCommand.COMPLETED);
		assertThat(output.getOut()).contains("Job generate, execution").contains("COMPLETED")
			.containsPattern("generateContacts\\s+COMPLETED\\s+25\\s+25\\s+0\\s+0\\s+1\\s+0");
	}

	@Test
	void commandExitsOneWhenTheJobFailsAndTellsHowToResume(CapturedOutput output) {
		history.failWritesBeyond(0);
		JobCommand command = command();
		command.run(arguments("run", "generate", "contacts=5"));

		assertThat(command.getExitCode()).isEqualTo(JobCommand.FAILED);
		assertThat(output.getOut()).contains("FAILED")
			.contains("Failed: PSQLException: ERROR: simulated failure: the store may not grow past 0 contacts")
			.contains("Run the same command again, or `run restart ");
	}

	@Test
	void commandExitsTwoOnBadUsage(CapturedOutput output) {
		for (String[] words : new String[][] { { "run" }, { "run", "nope" }, { "run", "generate", "contacts" },
				{ "run", "generate", "contacts=1", "contacts=2" } }) {
			JobCommand command = command();
			command.run(arguments(words));
			assertThat(command.getExitCode()).as(String.join(" ", words)).isEqualTo(JobCommand.USAGE);
		}
		assertThat(output.getErr()).contains("Usage: java -jar contact-sync.jar run <job>")
			.contains("Unknown job 'nope'")
			.contains("'contacts' is not")
			.contains("given twice");
	}

	@Test
	void validateSaysWhatEachJobMappingAndPolicyFileSets(CapturedOutput output) {
		JobCommand command = command();
		command.run(arguments("run", "validate"));

		assertThat(command.getExitCode()).isEqualTo(JobCommand.COMPLETED);
		assertThat(output.getOut()).contains("hubspot.yml: valid — hubspot contacts by email")
			.contains("jobs/nightly-sync.yml: valid — nightly-sync runs on '0 0 2 * * *' (UTC)")
			.contains("jobs/nightly-sync.yml: valid — steps capture-import → dedup → lead-scoring → retention → crm-push")
			.contains("All job and mapping files are valid.")
			.contains("jobs/lead-scoring.yml: valid — ")
			.contains("jobs/retention.yml: valid — archive after 12 months without activity, delete after 36; "
					+ "keep statuses [active] and tags [vip]; erasure grace 30 days; imported captures kept 30 days")
			.contains("jobs/alerts.yml: valid — alerts to ops-slack (slack), ops-webhook (webhook); run-failed on;"
					+ " failed-share on (over 20% of at least 20 records); missed-run on (after 30 minutes);"
					+ " slow-run on (over 2.0× the median of the last 10 runs)");
	}

	@Test
	void validateOnlineSaysItSkippedEachMappingWhoseCredentialsAreNotSet(CapturedOutput output) {
		JobCommand command = command();
		command.run(arguments("run", "validate", "online=true"));

		assertThat(command.getExitCode()).isEqualTo(JobCommand.COMPLETED);
		assertThat(output.getOut()).contains("All job and mapping files are valid.")
			.contains("mappings/hubspot.yml: online check skipped — no credentials in the environment "
					+ "(HUBSPOT_ACCESS_TOKEN, HUBSPOT_BASE_URL), so the live schema was not read")
			.doesNotContain("valid against");
	}

	@Test
	void commandExitsThreeWhenTheJobIsAlreadyRunning() {
		try (JobRunLock.Held elsewhere = runLock.tryAcquire("generate").orElseThrow()) {
			JobCommand command = command();
			command.run(arguments("run", "generate"));
			assertThat(command.getExitCode()).isEqualTo(JobCommand.ALREADY_RUNNING);
		}
	}

	private JobCommand command() {
		return new JobCommand(starter, jobFiles, checkedFiles, runningJobs, runs, platform, clock);
	}

	private static DefaultApplicationArguments arguments(String... words) {
		return new DefaultApplicationArguments(words);
	}
}
