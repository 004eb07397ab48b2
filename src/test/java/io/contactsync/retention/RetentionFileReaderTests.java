package io.contactsync.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.contactsync.policy.FileProblem;
import io.contactsync.jobs.JobFileException;
import org.junit.jupiter.api.Test;

/** jobs/retention.yml as the data team writes it: the shipped policy, and each mistake with its line and fix. */
class RetentionFileReaderTests {

	private static final String FILE = "jobs/retention.yml";

	@Test
	void theShippedFileHoldsTheDefaultPolicy() throws IOException {
		assertThat(read(Files.readString(Path.of(FILE))))
			.isEqualTo(new RetentionPolicy(12, 36, List.of("active"), List.of("vip"), 30, 30));
	}

	@Test
	void withoutDeleteAfterMonthsNothingIsEverDeleted() throws IOException {
		String keepForever = Files.readString(Path.of(FILE)).replace("  delete-after-months: 36\n", "");

		assertThat(read(keepForever).deleteAfterMonths()).isNull();
	}

	@Test
	void everyMistakeNamesItsLineAndTheFix() throws IOException {
		String broken = Files.readString(Path.of(FILE))
			.replace("  delete-after-months: 36", "  delete-after-months: 6")
			.replace("  keep-statuses: [active]", "  keep-statuses: [hot, archived]")
			.replace("  grace-days: 30", "  grace-days: thirty")
			.replace("  keep-processed-days: 30", "  keep-processed-days: -1")
			.replace("  keep-tags: [vip]", "  keep-tags: [vip]\n  keep-if-open: true");

		assertThatThrownBy(() -> read(broken)).isInstanceOfSatisfying(JobFileException.class, ex -> assertThat(
				ex.problems()).extracting(FileProblem::toString).containsExactlyInAnyOrder(
						FILE + ":" + line(broken, "delete-after-months: 6") + ": inactive.delete-after-months (6) must be"
								+ " more than archive-after-months (12): a contact is archived before it is deleted",
						FILE + ":" + line(broken, "keep-statuses") + ": unknown lead status 'hot' in inactive.keep-statuses;"
								+ " use any of new, active, follow_up",
						FILE + ":" + line(broken, "keep-statuses") + ": unknown lead status 'archived' in"
								+ " inactive.keep-statuses; use any of new, active, follow_up",
						FILE + ":" + line(broken, "keep-if-open") + ": unknown key 'inactive.keep-if-open'; use one of"
								+ " archive-after-months, delete-after-months, keep-statuses, keep-tags",
						FILE + ":" + line(broken, "grace-days: thirty") + ": erasure.grace-days must be a whole number,"
								+ " not 'thirty'",
						FILE + ":" + line(broken, "keep-processed-days: -1") + ": capture-inbox.keep-processed-days must"
								+ " be from 0 to 3650, not -1"));
	}

	@Test
	void aMissingSectionIsNamedWithWhereToFindItsDefault() {
		assertThatThrownBy(() -> read("inactive:\n  archive-after-months: 12\nerasure:\n  grace-days: 30\n"))
			.isInstanceOfSatisfying(JobFileException.class, ex -> assertThat(ex.problems())
				.extracting(FileProblem::toString)
				.containsExactly(FILE + ":1: capture-inbox is missing here; add it (the shipped jobs/retention.yml has"
						+ " every key with its default)"));
	}

	private static RetentionPolicy read(String yaml) {
		return new RetentionFileReader(FILE).read(new StringReader(yaml));
	}

	private static int line(String text, String fragment) {
		List<String> lines = text.lines().toList();
		for (int i = 0; i < lines.size(); i++) {
			if (lines.get(i).contains(fragment)) {
				return i + 1;
			}
		}
		throw new IllegalArgumentException(fragment + " is not in the text");
	}
}
