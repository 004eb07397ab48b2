package io.contactsync.dedup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.contactsync.store.PhoneNumbers;
import org.junit.jupiter.api.Test;

/**
 * The people whose email is mistyped or missing, whose name is a nickname or in Cyrillic: with the shipped rules
 * they share a blocking key with the contact they are, and score as one person; strangers still do not.
 */
class DedupTypoTests {

	private static final DedupRules SHIPPED = shipped();

	private final ContactNormaliser normaliser = new ContactNormaliser(SHIPPED, new PhoneNumbers("US"));

	private final PairScorer scorer = new PairScorer(SHIPPED, ValueFrequencies.NONE);

	@Test
	void aDroppedAtOrDotAndTyposInAProvidersDomainAreRepaired() {
		assertThat(EmailRepair.repair(" Jane.Doegmail.com ")).isEqualTo("jane.doe@gmail.com");
		assertThat(EmailRepair.repair("jane.doehotmailcom")).isEqualTo("jane.doe@hotmail.com");
		assertThat(EmailRepair.repair("jane@gmailcom")).isEqualTo("jane@gmail.com");
		assertThat(EmailRepair.repair("jane@northwindco")).isEqualTo("jane@northwind.co");
		assertThat(EmailRepair.repair("jane@gmial.com")).isEqualTo("jane@gmail.com");
		assertThat(EmailRepair.repair("jane@hotmial.com")).isEqualTo("jane@hotmail.com");
		assertThat(EmailRepair.repair("jane@yahoo.con")).isEqualTo("jane@yahoo.com");
		// Short domains are a letter apart from real ones too often, and unknown ones are nobody's typo.
		assertThat(EmailRepair.repair("jane@mc.com")).isEqualTo("jane@mc.com");
		assertThat(EmailRepair.repair("jane@acme.io")).isEqualTo("jane@acme.io");
		assertThat(EmailRepair.repair("jane.doeacme.io")).isEqualTo("jane.doeacme.io");
		assertThat(EmailRepair.repair("jane.doehome.com")).as("not jane.doeho@me.com").isEqualTo("jane.doehome.com");
	}

	@Test
	void anAddressCaptureCouldNotReadStillMeetsAndEqualsTheOneItWasMeantToBe() {
		ContactFeatures typed = features(1, "Jane Doe", "jane.doeacme.io", null);
		ContactFeatures right = features(2, "Jane Doe", "jane.doe@acme.io", null);

		assertThat(typed.keys()).containsAnyElementsOf(right.keys());
		assertThat(scorer.score(typed, right)).isGreaterThanOrEqualTo(SHIPPED.autoMerge());
	}

	@Test
	void aTypoInTheEmailIsFoundThroughTheNameAndMergedWhenTheNamesAgree() {
		ContactFeatures first = features(1, "Maria Gonzalez", "maria.gonzalez@outlook.com", null);
		ContactFeatures second = features(2, "Maria Gonzales", "maria.gonzlaez@outlook.com", null);

		assertThat(first.keys()).containsAnyElementsOf(second.keys());
		assertThat(scorer.score(first, second)).isGreaterThanOrEqualTo(SHIPPED.review());
	}

	@Test
	void nicknamesAreTheSameGivenNameButTwoNicknamesOfOneNameAreNot() {
		Nicknames nicknames = Nicknames.builtIn();
		assertThat(nicknames.same("bill", "william")).isTrue();
		assertThat(nicknames.same("sasha", "alexander")).isTrue();
		assertThat(nicknames.same("dmitry", "dmitriy")).isTrue();
		assertThat(nicknames.same("lisa", "betty")).isFalse();
		assertThat(nicknames.same("catherine", "katherine")).isFalse();
		assertThat(nicknames.canonical("bill")).isEqualTo("william");

		ContactFeatures bill = features(1, "Bill Murray", null, "+1 212 555 0101");
		ContactFeatures william = features(2, "William Murray", null, "(212) 555-0101");
		assertThat(bill.keys()).containsAnyElementsOf(william.keys());
		assertThat(scorer.score(bill, william)).isGreaterThanOrEqualTo(SHIPPED.autoMerge());
	}

	@Test
	void aNameInCyrillicMeetsItsLatinSpelling() {
		ContactFeatures cyrillic = features(1, "Андрей Власов", null, "+1 212 555 0102");
		ContactFeatures latin = features(2, "Andrey Vlasov", null, "212-555-0102");

		assertThat(cyrillic.given()).isEqualTo("andrey");
		assertThat(cyrillic.keys()).containsAnyElementsOf(latin.keys());
		assertThat(scorer.score(cyrillic, latin)).isGreaterThanOrEqualTo(SHIPPED.autoMerge());
	}

	@Test
	void twoStrangersWithOneNameAndDifferentAddressesAreNotEvenACandidate() {
		ContactFeatures one = features(1, "John Smith", "john.smith@gmail.com", "+1 212 555 0103");
		ContactFeatures other = features(2, "John Smith", "jsmith1980@yahoo.com", "+1 415 555 0199");

		assertThat(scorer.score(one, other)).isLessThan(SHIPPED.review());
	}

	@Test
	void aBlockingPartByHowANameSoundsIsCheckedLikeTheRest() {
		String rules = """
				thresholds: {autoMerge: 0.99, review: 0.5}
				compare:
				  - {field: name.family, method: jaro_winkler, agree: 3, frequency: maybe}
				  - {field: phone, method: exact, agree: 8, frequency: true}
				blocking:
				  - [name.family:sound]
				  - {key: [email], maxBlockSize: 1}
				  - {fields: [email]}
				""";
		assertThatThrownBy(() -> DedupRulesFile.validate("d.yml", rules))
			.hasMessageContaining("d.yml:3: frequency must be true or false, not 'maybe'")
			.hasMessageContaining("d.yml:4: frequency weighs one value per contact; phone has several")
			.hasMessageContaining("d.yml:6: unknown field 'name.family:sound' in blocking")
			.hasMessageContaining(":phonetic")
			.hasMessageContaining("d.yml:7: maxBlockSize")
			.hasMessageContaining("d.yml:8:");
	}

	private ContactFeatures features(long id, String name, String email, String phone) {
		return normaliser.normalise(new StoredContact(id, name, email, phone, null,
				Instant.parse("2026-01-01T00:00:00Z"), null, Map.of(), List.of()));
	}

	private static DedupRules shipped() {
		try {
			return DedupRulesFile.validate("jobs/dedup.yml", Files.readString(Path.of("jobs/dedup.yml")));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}
}
