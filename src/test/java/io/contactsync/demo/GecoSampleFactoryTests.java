package io.contactsync.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.contactsync.store.EmailSyntax;
import org.junit.jupiter.api.Test;

/** The GeCo-style labelled sample makes the corruptions its description names, the same for the same seed. */
class GecoSampleFactoryTests {

	private static final Instant ANCHOR = Instant.parse("2026-11-01T00:00:00Z");

	private final List<SampleRecord> records = records(new GecoSampleFactory(7, 40, ANCHOR), 3_000);

	@Test
	void theSameSeedMakesTheSameRecords() {
		assertThat(records(new GecoSampleFactory(7, 40, ANCHOR), 3_000)).isEqualTo(records);
		assertThat(records(new GecoSampleFactory(8, 40, ANCHOR), 3_000)).isNotEqualTo(records);
	}

	@Test
	void peopleComeBackSeveralTimesAndAboutTheAskedShareOfRecordsAreDuplicates() {
		Map<String, Integer> perPerson = new HashMap<>();
		records.forEach(record -> perPerson.merge(record.person(), 1, Integer::sum));
		double duplicates = (double) (records.size() - perPerson.size()) / records.size();
		assertThat(duplicates).isBetween(0.30, 0.50);
		assertThat(perPerson.values()).anyMatch(count -> count >= 5).allMatch(count -> count <= 10);
	}

	@Test
	void everyRecordHasANameOrAnEmailAndSomeAddressesLostTheirAtOrDot() {
		assertThat(records).allMatch(record -> record.name() != null || record.email() != null);
		assertThat(records.stream().filter(record -> record.email() != null)
			.filter(record -> !EmailSyntax.isValid(record.email().strip())).count()).isGreaterThan(20);
	}

	@Test
	void aCyrillicNameIsSometimesWrittenInLatinLettersAndOnlyFamiliesShareAnAddress() {
		Map<String, List<String>> names = new HashMap<>();
		Map<String, String> ownerOfOriginal = new HashMap<>();
		for (SampleRecord record : records) {
			if (record.name() != null) {
				names.computeIfAbsent(record.person(), person -> new ArrayList<>()).add(record.name());
			}
			String owner = record.externalId().endsWith("-0") && record.email() != null
					? ownerOfOriginal.putIfAbsent(record.email(), record.person()) : null;
			if (owner != null) {
				// Only a family shares one: the person before shares it with a relative.
				assertThat(number(record.person()) - number(owner)).as(record.email()).isEqualTo(1);
			}
		}
		assertThat(names.values()).anyMatch(spellings -> spellings.stream().anyMatch(n -> n.matches(".*\\p{IsCyrillic}.*"))
				&& spellings.stream().anyMatch(n -> n.matches("[A-Za-z' ]+")));
	}

	private static long number(String person) {
		return Long.parseLong(person.substring(1));
	}

	private static List<SampleRecord> records(GecoSampleFactory factory, int people) {
		List<SampleRecord> all = new ArrayList<>();
		for (long n = 0; n < people; n++) {
			all.addAll(factory.person(n));
		}
		return all;
	}
}
