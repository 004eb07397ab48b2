package io.contactsync.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import io.contactsync.policy.ConfigFileException;
import io.contactsync.policy.FileProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** jobs/*.yml as the data team writes them: schedules and nightly-sync's steps, and each mistake with its line. */
class JobFilesTests {

	private static final ZoneId UTC = ZoneId.of("UTC");

	@TempDir
	Path directory;

	@Test
	void theShippedNightlySyncFileRunsThePipelineAtTwo() {
		JobFiles files = new JobFiles(Path.of("jobs"), UTC);

		assertThat(files.nightlySteps()).extracting(FlowStep::job)
			.containsExactly("capture-import", "dedup", "lead-scoring", "retention", "crm-push");
		JobSchedule nightly = files.schedule("nightly-sync").orElseThrow();
		assertThat(nightly.next(ZonedDateTime.parse("2026-11-23T22:00:00Z"))).isEqualTo("2026-11-24T02:00:00Z[UTC]");
	}

	@Test
	void readsAScheduleInItsTimeZoneAndTheStepsParameters() throws IOException {
		write("nightly-sync.yml", """
				schedule:
				  cron: "0 30 1 * * MON-FRI"
				  time-zone: Europe/Berlin
				steps:
				  capture-import:
				    parameters: {channel: telegram}
				  crm-push:
				    enabled: false
				""");

		JobFiles files = new JobFiles(directory, UTC);

		assertThat(files.nightlySteps()).containsExactly(new FlowStep("capture-import", Map.of("channel", "telegram"), 6));
		JobSchedule schedule = files.schedule("nightly-sync").orElseThrow();
		// Friday 23:00 UTC is Saturday in Berlin: the next weekday 01:30 there is Monday's, 00:30 UTC.
		assertThat(schedule.next(ZonedDateTime.parse("2026-11-27T23:00:00Z")).toInstant())
			.isEqualTo("2026-11-30T00:30:00Z");
	}

	@Test
	void withoutAFileNightlySyncRunsEveryStepAtTwoInTheServiceTimeZone() {
		JobFiles files = new JobFiles(directory.resolve("absent"), ZoneId.of("Asia/Tokyo"));

		assertThat(files.nightlySteps()).extracting(FlowStep::job).containsExactlyElementsOf(JobFiles.FLOW_ORDER);
		assertThat(files.schedule("nightly-sync").orElseThrow().zone()).isEqualTo(ZoneId.of("Asia/Tokyo"));
	}

	@Test
	void aBadCronOrTimeZoneNamesTheFileTheLineAndTheFix() throws IOException {
		write("nightly-sync.yml", """
				schedule:
				  cron: "0 0 25 * * *"
				  time-zone: Europe/Atlantis
				steps:
				  crm-push: {}
				""");

		assertThat(problems()).containsExactly(
				file("nightly-sync.yml") + ":2: cron '0 0 25 * * *' is not valid (Invalid value for HourOfDay (valid values"
						+ " 0 - 23): 25 '25' in cron expression \"0 0 25 * * *\"); write six fields, second minute hour day-of-month month day-of-week, e.g."
						+ " \"0 0 2 * * *\" for 02:00 every day",
				file("nightly-sync.yml") + ":3: time-zone 'Europe/Atlantis' is not a time zone; write a region such as"
						+ " Europe/Berlin, America/New_York or UTC");
	}

	@Test
	void unknownStepsKeysAndAnOrderOtherThanThePipelinesAreErrors() throws IOException {
		write("nightly-sync.yml", """
				schedule: {cron: "0 0 3 * * *", when: later}
				steps:
				  crm-push: {}
				  capture-import: {}
				  enrich: {}
				""");

		assertThat(problems()).containsExactly(
				file("nightly-sync.yml") + ":1: unknown key 'schedule.when'; use one of cron, time-zone, enabled",
				file("nightly-sync.yml") + ":5: unknown key 'steps.enrich'; use one of capture-import, dedup, lead-scoring,"
						+ " retention, crm-push",
				file("nightly-sync.yml") + ":3: steps run in the pipeline's order, capture-import → dedup → lead-scoring →"
						+ " retention → crm-push; write them in that order so the file reads as the flow runs");
	}

	@Test
	void anotherJobsFileMayCarryAScheduleBesideItsOwnKeys() throws IOException {
		write("crm-push.yml", """
				# pushes every hour on weekdays, besides the nightly flow
				schedule:
				  cron: "0 0 * * * MON-FRI"
				someRuleOfThatJob: 5
				""");

		JobSchedule schedule = new JobFiles(directory, UTC).schedule("crm-push").orElseThrow();

		assertThat(schedule.cron()).isEqualTo("0 0 * * * MON-FRI");
		assertThat(schedule.file()).isEqualTo(file("crm-push.yml"));
	}

	@Test
	void yamlThatTriesToRunCodeIsRefused() throws IOException {
		write("nightly-sync.yml", "schedule: !!java.lang.ProcessBuilder [[touch, /tmp/pwned]]\n");

		assertThat(problems()).singleElement().asString().contains("nightly-sync.yml:1: YAML tags such as !!java...");
	}

	@Test
	void thePreviousFireTimeIsTheLastOneAtOrBeforeNow() {
		JobSchedule nightly = new JobSchedule("nightly-sync", null, "0 0 2 * * *", UTC);
		JobSchedule everyMinute = new JobSchedule("crm-push", null, "0 * * * * *", UTC);
		ZonedDateTime now = ZonedDateTime.parse("2026-11-23T01:59:30Z");

		assertThat(nightly.previous(now)).contains(ZonedDateTime.parse("2026-11-22T02:00:00Z[UTC]"));
		assertThat(everyMinute.previous(now)).contains(ZonedDateTime.parse("2026-11-23T01:59:00Z[UTC]"));
	}

	private List<String> problems() {
		assertThatThrownBy(() -> new JobFiles(directory, UTC)).isInstanceOf(JobFileException.class)
			.hasMessageStartingWith("Job files have");
		try {
			new JobFiles(directory, UTC);
			throw new AssertionError("unreachable");
		}
		catch (ConfigFileException ex) {
			return ex.problems().stream().map(FileProblem::toString).toList();
		}
	}

	private String file(String name) {
		return directory.resolve(name).toString();
	}

	private void write(String name, String yaml) throws IOException {
		Files.writeString(directory.resolve(name), yaml);
	}
}
