package io.contactsync.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.contactsync.support.ApplicationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Frequency-weighted agreement with the shipped rules, on a store where Smith is common and Vlasova rare: two
 * contacts that share only a name are a candidate for review when the name is rare, not when it is common.
 */
class DedupFrequencyTests extends ApplicationTest {

	private static final List<String> GIVEN = List.of("Bob", "Carl", "Dan", "Eve", "Fay", "Gus", "Hal", "Ike", "Joy",
			"Kay", "Lou", "Max", "Ned", "Oli", "Pam", "Quin", "Ray", "Sue", "Tom", "Uma");

	long annSmith;

	long otherAnnSmith;

	long annVlasova;

	long otherAnnVlasova;

	@BeforeEach
	void aStoreWhereSmithIsCommon() {
		store.clear();
		history.clearHistory();
		for (int i = 0; i < GIVEN.size(); i++) {
			store.contact().name(GIVEN.get(i) + " Smith").email("smith" + i + "@example.com").insert();
		}
		for (int i = 0; i < 200; i++) {
			String family = "Zu" + (char) ('a' + i % 26) + (char) ('a' + i / 26) + "ley";
			store.contact().name(GIVEN.get(i % GIVEN.size()) + " " + family).email("p" + i + "@example.org").insert();
		}
		annSmith = store.contact().name("Ann Smith").insert();
		otherAnnSmith = store.contact().name("Ann Smith").insert();
		annVlasova = store.contact().name("Ann Vlasova").insert();
		otherAnnVlasova = store.contact().name("Анн Власова").insert();
	}

	@Test
	void aRareSharedNameIsACandidateAndACommonOneIsNot() {
		jobs.run("dedup", Map.of());

		List<List<Long>> candidates = store.jdbc()
			.sql("select contact_a, contact_b from duplicate_candidate where status = 'pending'")
			.query((rs, row) -> List.of(rs.getLong(1), rs.getLong(2)))
			.list();
		assertThat(candidates).containsExactly(List.of(annVlasova, otherAnnVlasova));
		double familyPoints = store.jdbc()
			.sql("select (evidence -> 'name.family' ->> 'points')::float8 from duplicate_candidate")
			.query(Double.class).single();
		assertThat(familyPoints).as("a rare family name counts more than agree: 4.5").isGreaterThan(4.5);
		assertThat(store.count("dedup_frequency")).isZero();
	}
}
