package io.contactsync.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.contactsync.support.ApplicationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * The long steps say, as they start, how many items they expect ({@link StepProgress#TOTAL} in their execution
 * context): what the run page's bar and the progress line measure against. Each is held against the size of what the
 * step then works through.
 */
class ProgressTotalsTests extends ApplicationTest {

	@BeforeEach
	void emptyStoreAndHistory() {
		store.clear();
		history.clearHistory();
	}

	@Test
	void generateExpectsTheContactsItWasAskedFor() {
		StepExecution step = step(jobs.run("generate", Map.of("contacts", "25")), "generateContacts");

		assertThat(step.getExecutionContext().getLong(StepProgress.TOTAL)).isEqualTo(25);
		assertThat(step.getExecutionContext().containsKey(StepProgress.ESTIMATED)).isFalse();
	}

	@Test
	void leadScoringExpectsEveryLiveContact() {
		for (int i = 0; i < 4; i++) {
			store.contact().name("Visitor " + i).insert();
		}

		StepExecution step = step(jobs.run("lead-scoring", Map.of()), "scoreContacts");

		assertThat(step.getExecutionContext().getLong(StepProgress.TOTAL)).isEqualTo(4).isEqualTo(step.getReadCount());
	}

	@Test
	void eachPushRangeCountsTheContactsInTheMappingsScope() {
		pushes.visitors(5);
		// Without an email a contact is out of HubSpot's scope (its match key).
		store.contact().name("No Email").insert();
		store.contact().name("Nor Here").insert();

		JobExecution run = jobs.execution(jobs.run("crm-push", Map.of("target", "hubspot", "dryRun", "true")).getId());

		assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		List<StepExecution> ranges = partitions(run, "pushContactsPartition");
		assertThat(ranges).isNotEmpty().allSatisfy(range -> {
			assertThat(range.getExecutionContext().getLong(StepProgress.TOTAL)).isEqualTo(range.getReadCount());
			assertThat(range.getExecutionContext().containsKey(StepProgress.ESTIMATED)).isFalse();
		});
		assertThat(ranges.stream().mapToLong(range -> range.getExecutionContext().getLong(StepProgress.TOTAL)).sum())
			.isEqualTo(5);
	}

	@Test
	void dedupRangesEstimateTheirContactsFromTheirIds() {
		for (int i = 0; i < 6; i++) {
			store.contact().name("Visitor " + i).email("visitor" + i + "@example.com").insert();
		}

		JobExecution run = jobs.execution(jobs.run("dedup", Map.of()).getId());

		List<StepExecution> ranges = partitions(run, "dedupFeaturesRange");
		assertThat(ranges).isNotEmpty().allSatisfy(range -> assertThat(range.getExecutionContext()
			.containsKey(StepProgress.ESTIMATED)).as("an estimate, said as one").isTrue());
		// Ids without gaps: the estimate is the count.
		assertThat(ranges.stream().map(StepExecution::getExecutionContext).mapToLong(this::total).sum()).isEqualTo(6);
	}

	@Test
	void aCaptureImportOfLineFilesEstimatesTheirRecordsFromTheirLines() {
		for (String file : new String[] { "samples/widget-conversations.jsonl", "samples/contacts.csv" }) {
			StepExecution step = step(jobs.run("capture-import", Map.of("input", file)), "stageCaptures");

			assertThat(step.getExecutionContext().containsKey(StepProgress.ESTIMATED)).as(file).isTrue();
			assertThat(total(step.getExecutionContext())).as(file).isPositive()
				.isEqualTo(step.getReadCount() + step.getReadSkipCount() + step.getProcessSkipCount());
		}
	}

	private long total(ExecutionContext context) {
		return context.getLong(StepProgress.TOTAL);
	}

	private static StepExecution step(JobExecution run, String name) {
		return run.getStepExecutions().stream().filter(step -> step.getStepName().equals(name)).findFirst()
			.orElseThrow(() -> new AssertionError("no step " + name + " in " + run.getStepExecutions()));
	}

	private static List<StepExecution> partitions(JobExecution run, String worker) {
		return run.getStepExecutions().stream().filter(step -> step.getStepName().startsWith(worker + ":")).toList();
	}
}
