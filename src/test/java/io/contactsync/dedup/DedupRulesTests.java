package io.contactsync.dedup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.contactsync.policy.FileProblem;
import io.contactsync.dedup.DedupRules.Comparison;
import io.contactsync.dedup.DedupRules.KeyPart;
import io.contactsync.dedup.DedupRules.Method;
import io.contactsync.store.PhoneNumbers;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The shipped rules, normalisation, the comparisons and the rules file's errors, without a database. */
class DedupRulesTests {

	private static final DedupRules SHIPPED = shipped();

	private final ContactNormaliser normaliser = new ContactNormaliser(SHIPPED, new PhoneNumbers("GB"));

	@Nested
	class Normalisation {

		@Test
		void emailsAreTrimmedAndLowerCasedAndGmailLosesDotsAndTags() {
			assertThat(normaliser.email("  John.Smith@Example.COM ")).isEqualTo("john.smith@example.com");
			assertThat(normaliser.email("Jo.Hn+news@googlemail.com")).isEqualTo("john@gmail.com");
			assertThat(normaliser.email("   ")).isNull();
		}

		@Test
		void gmailDotsStayWhenTheRulesDoNotAskForIt() {
			DedupRules plain = DedupRulesFile.validate("plain.yml", minimalRules(""));
			assertThat(new ContactNormaliser(plain, new PhoneNumbers("GB")).email("jo.hn@gmail.com"))
				.isEqualTo("jo.hn@gmail.com");
		}

		@Test
		void namesAreFoldedForComparison() {
			assertThat(ContactNormaliser.fold("  José  MÜLLER-Lefèvre ")).isEqualTo("jose muller lefevre");
			assertThat(ContactNormaliser.fold("Søren Ørsted")).isEqualTo("soren orsted");
			assertThat(ContactNormaliser.fold("ﬁona")).isEqualTo("fiona");
			assertThat(ContactNormaliser.fold("Андрей Власов")).isEqualTo("andrey vlasov");
			assertThat(ContactNormaliser.fold("Юлия Щербакова")).isEqualTo("yuliya shcherbakova");
		}

		@Test
		void phonesBecomeE164AndAWhatsAppIdIsAPhone() {
			ContactFeatures features = normaliser.normalise(contact(1, "Jane Doe", null, "020 7946 0958",
					List.of("whatsapp:447911123456", "telegram:12345")));
			assertThat(features.phones()).containsExactly("+442079460958", "+447911123456");
			assertThat(features.identities()).containsExactly("12345");
			assertThat(features.given()).isEqualTo("jane");
			assertThat(features.family()).isEqualTo("doe");
		}

		@Test
		void nameKeysAreMadeBothWaysRoundSoASwapStillMeets() {
			ContactFeatures straight = normaliser.normalise(contact(1, "John Smith", null, null, List.of()));
			ContactFeatures swapped = normaliser.normalise(contact(2, "Smith John", null, null, List.of()));
			assertThat(straight.keys()).containsAnyElementsOf(swapped.keys());
		}
	}

	@Nested
	class Comparisons {

		@Test
		void jaroWinklerMatchesItsTextbookValues() {
			assertThat(StringSimilarity.jaroWinkler("martha", "marhta")).isCloseTo(0.961, within(0.001));
			assertThat(StringSimilarity.jaroWinkler("dwayne", "duane")).isCloseTo(0.840, within(0.001));
			assertThat(StringSimilarity.jaroWinkler("dixon", "dicksonx")).isCloseTo(0.813, within(0.001));
			assertThat(StringSimilarity.jaroWinkler("abc", "xyz")).isZero();
		}

		@Test
		void editDistanceCountsASwapOfNeighboursAsOneEdit() {
			assertThat(StringSimilarity.editDistance("kitten", "sitting")).isEqualTo(3);
			assertThat(StringSimilarity.editDistance("jonh", "john")).isEqualTo(1);
			assertThat(StringSimilarity.editSimilarity("19560409", "19560490")).isCloseTo(0.875, within(0.001));
		}

		@Test
		void emailLocalPartsAreComparedOnlyWithinOneDomainAndWithTheSameNumbers() {
			Comparison email = new Comparison("email", Method.EMAIL, 9, 1.5, 0.75, false, 1);
			assertThat(PairScorer.similarity(email, List.of("jonh.smith@x.com"), List.of("john.smith@x.com")))
				.isCloseTo(0.6, within(0.001));
			assertThat(PairScorer.similarity(email, List.of("john.smith@x.com"), List.of("john.smith@y.com"))).isZero();
			assertThat(PairScorer.similarity(email, List.of("john.smith7@x.com"), List.of("john.smith@x.com")))
				.isZero();
		}

		@Test
		void theWorkedExampleOfTheRulesFileScoresAsItSays() {
			ContactFeatures widget = normaliser.normalise(contact(1, "Jonh Smith", "John.Smith@Example.com", null,
					List.of()));
			ContactFeatures whatsapp = normaliser.normalise(contact(2, "Smith John", "john.smith@example.com",
					"+44 20 7946 0958", List.of()));
			PairScorer.PairScore score = new PairScorer(SHIPPED, ValueFrequencies.NONE).scoreWithEvidence(widget,
					whatsapp);
			assertThat(score.score()).isCloseTo(0.999, within(0.001)).isGreaterThanOrEqualTo(SHIPPED.autoMerge());
			assertThat(score.evidence()).containsEntry("names_swapped", true).containsEntry("points", 7.167);

			ContactFeatures mary = normaliser.normalise(contact(3, "Mary Smith", "john.smith@example.com", null,
					List.of()));
			assertThat(new PairScorer(SHIPPED, ValueFrequencies.NONE).score(mary, whatsapp)).isCloseTo(0.818,
					within(0.001));
		}
	}

	@Nested
	class RulesFile {

		@Test
		void everyProblemIsReportedWithItsLineAndFix() {
			String yaml = """
					thresholds:
					  autoMerge: 0.5
					  review: 0.9
					survivor: youngest
					compare:
					  - {field: emial, method: exact, agree: 5}
					  - {field: phone, method: jaro_winkler, agree: 5}
					  - {field: name.given, method: soundex, agree: 3}
					blocking:
					  - [name.family, name.given:0]
					  - email
					""";
			assertThatThrownBy(() -> DedupRulesFile.validate("jobs/dedup.yml", yaml))
				.isInstanceOfSatisfying(DedupRulesException.class, ex -> assertThat(ex.problems())
					.extracting(FileProblem::toString)
					.containsExactly(
							"jobs/dedup.yml:3: thresholds.review (0.9) is above autoMerge (0.5); review must be at most autoMerge",
							"jobs/dedup.yml:4: unknown survivor 'youngest'; use oldest or latest_activity",
							"jobs/dedup.yml:6: unknown field 'emial'; use one of email, email.local, phone, identity, name.given, name.family or attributes.<key>",
							"jobs/dedup.yml:7: phone is compared exactly (any value in common); use method: exact",
							"jobs/dedup.yml:8: unknown method 'soundex'; use one of exact, jaro_winkler, edit_distance, email",
							"jobs/dedup.yml:10: the prefix length after ':' must be at least 1, e.g. name.given:1",
							"jobs/dedup.yml:11: each blocking key is a list of fields, e.g. - [name.family, name.given:1], or a"
									+ " map with its own limit, e.g. - {key: [name.family:phonetic], maxBlockSize: 20}"))
				.hasMessageStartingWith("The dedup rules have 7 problems; fix them and start again:");
		}

		@Test
		void missingSectionsAndBrokenYamlAreNamed() {
			assertThatThrownBy(() -> DedupRulesFile.validate("d.yml", "baseline: -8\n"))
				.hasMessageContaining("d.yml:1: missing thresholds; add it")
				.hasMessageContaining("d.yml:1: missing compare; add it");
			assertThatThrownBy(() -> DedupRulesFile.validate("d.yml", "thresholds: {autoMerge: 0.9\ncompare: []\n"))
				.hasMessageContaining("not valid YAML");
			assertThatThrownBy(() -> DedupRulesFile.validate("d.yml", minimalRules("") + "extra: !!java.io.File x\n"))
				.hasMessageContaining("d.yml:9:");
		}

		@Test
		void theShippedRulesAndTheFebrlRulesAreValid() throws IOException {
			assertThat(SHIPPED.autoMerge()).isEqualTo(0.99);
			assertThat(SHIPPED.comparisons()).extracting(Comparison::field)
				.containsExactly("email", "phone", "identity", "name.given", "name.family", "attributes.date_of_birth",
						"attributes.city", "attributes.company_name");
			assertThat(SHIPPED.blocking()).anySatisfy(key -> assertThat(key.parts()).first()
				.isEqualTo(new KeyPart("name.family", 0, true)));
			DedupRules febrl = DedupRulesFile.validate("bench/dedup-febrl.yml",
					Files.readString(Path.of("bench/dedup-febrl.yml")));
			assertThat(febrl.names().given()).isEqualTo("attributes.given_name");
		}
	}

	private static String minimalRules(String extra) {
		return """
				thresholds: {autoMerge: 0.99, review: 0.5}
				baseline: -8
				compare:
				  - {field: email, method: exact, agree: 9}
				  - {field: name.family, method: jaro_winkler, agree: 3, disagree: 2}
				blocking:
				  - [email]
				  - [name.family]
				""" + extra;
	}

	private static StoredContact contact(long id, String name, String email, String phone, List<String> identities) {
		return new StoredContact(id, name, email, phone, null, Instant.parse("2026-01-01T00:00:00Z"), null, Map.of(),
				identities);
	}

	private static DedupRules shipped() {
		try {
			return DedupRulesFile.validate("jobs/dedup.yml", Files.readString(Path.of("jobs/dedup.yml")));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
