package io.contactsync.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.contactsync.policy.FileProblem;
import io.contactsync.jobs.JobFileException;
import org.junit.jupiter.api.Test;

/** jobs/lead-scoring.yml as the data team writes it: the shipped defaults, phrase matching, and each mistake with its line. */
class LeadScoringFileReaderTests {

	private static final String FILE = "jobs/lead-scoring.yml";

	@Test
	void theShippedFileHoldsTheSeedDefaults() throws IOException {
		LeadScoringRules rules = shipped();

		assertThat(rules.conversations()).containsExactly(new LeadScoringRules.CountPoints(3, 30),
				new LeadScoringRules.CountPoints(2, 15));
		assertThat(rules.recency()).containsExactly(new LeadScoringRules.RecencyPoints(7, 30),
				new LeadScoringRules.RecencyPoints(30, 15));
		assertThat(rules.contactDetails()).isEqualTo(10);
		assertThat(rules.intents()).extracting(LeadScoringRules.Intent::name)
			.containsExactly("pricing", "demo", "trial", "enterprise", "product");
		assertThat(rules.temperature()).isEqualTo(new LeadScoringRules.Temperatures(60, 30));
		assertThat(rules.status()).isEqualTo(new LeadScoringRules.StatusRules(90, true, false, 7, 1, 2, 30, 14, true));
		assertThat(rules.conversionGoals()).containsExactly("email", "phone");
	}

	@Test
	void phrasesMatchWholeWordsFoldedWithStarsAsAnyEnding() throws IOException {
		LeadScoringRules rules = shipped();
		IntentMatcher matcher = new IntentMatcher(rules.intents());
		int pricing = 1;
		int demo = 1 << 1;
		int trial = 1 << 2;

		assertThat(matcher.intents("What's the PRICING?")).isEqualTo(pricing);
		assertThat(matcher.intents("Preise für Unternehmenslizenzen?")).isEqualTo(pricing | 1 << 3);
		assertThat(matcher.intents("Une démo, s'il vous plaît")).isEqualTo(demo);
		assertThat(matcher.intents("Vorführung bitte")).isEqualTo(demo);
		assertThat(matcher.intents("how   MUCH")).isEqualTo(pricing);
		assertThat(matcher.intents("Есть бесплатный период?")).isEqualTo(trial);
		assertThat(matcher.intents("howmuch is a planet")).isZero();
		assertThat(matcher.intents("")).isZero();
		assertThat(matcher.intents(null)).isZero();
	}

	@Test
	void aScheduleKeyBelongsToTheSchedulerAndIsPassedOver() throws IOException {
		String withSchedule = "schedule:\n  cron: \"0 0 3 * * *\"\n" + Files.readString(Path.of(FILE));

		assertThat(read(withSchedule).temperature().hot()).isEqualTo(60);
	}

	@Test
	void everyMistakeNamesItsLineAndTheFix() throws IOException {
		String broken = Files.readString(Path.of(FILE))
			.replace("  hot: 60\n", "  hot: 20\n")
			.replace("    - {at-least: 2, points: 15}", "    - {at-least: 4, points: 15}")
			.replace("    points: 15\n", "    points: lots\n")
			.replace("  any-of: [email, phone]", "  any-of: [email, signup]")
			.replace("status:\n", "statuses:\n");

		assertThatThrownBy(() -> read(broken)).isInstanceOfSatisfying(JobFileException.class, ex -> assertThat(
				ex.problems()).extracting(FileProblem::toString).containsExactlyInAnyOrder(
						FILE + ":" + line(broken, "{at-least: 4") + ": score.conversations lines go from the most"
								+ " conversations down: the first line a contact reaches counts",
						FILE + ":" + line(broken, "points: lots") + ": intents.product.points must be a whole number,"
								+ " not 'lots'",
						FILE + ":" + line(broken, "statuses:") + ": unknown key 'statuses'; use one of schedule, score,"
								+ " intents, temperature, status, conversion",
						FILE + ":" + line(broken, "score:") + ": status is missing here; add it (the shipped jobs/lead-scoring.yml has every key with"
								+ " its default)",
						FILE + ":" + line(broken, "  hot: 20") + ": temperature.warm (30) must be below"
								+ " temperature.hot (20)",
						FILE + ":" + line(broken, "any-of: [email, signup]") + ": unknown conversion goal 'signup'; use"
								+ " email, phone, pricing, demo, trial, enterprise, product"));
	}

	@Test
	void yamlThatCouldRunCodeIsRefused() {
		assertThatThrownBy(() -> read("score: !!java.net.URL [\"http://example.com\"]\n"))
			.isInstanceOf(JobFileException.class)
			.hasMessageContaining(FILE + ":1: YAML tags such as !!java... are not allowed");
	}

	private static LeadScoringRules shipped() throws IOException {
		try (Reader reader = Files.newBufferedReader(Path.of(FILE), StandardCharsets.UTF_8)) {
			return new LeadScoringFileReader(FILE).read(reader);
		}
	}

	private static LeadScoringRules read(String yaml) {
		return new LeadScoringFileReader(FILE).read(new StringReader(yaml));
	}

	/** The 1-based line that holds the text, or that is exactly it when it is a key such as "score:". */
	private static int line(String text, String containing) {
		String[] lines = text.split("\n", -1);
		for (int i = 0; i < lines.length; i++) {
			if (containing.endsWith(":") ? lines[i].equals(containing) : lines[i].contains(containing)) {
				return i + 1;
			}
		}
		throw new IllegalArgumentException(containing);
	}
}
