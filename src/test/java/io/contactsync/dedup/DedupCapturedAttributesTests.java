package io.contactsync.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.contactsync.jobs.IdRangePartitioner;
import io.contactsync.store.PhoneNumbers;
import io.contactsync.support.ApplicationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.beans.factory.annotation.Autowired;

/** A rule on attributes.<key> sees what captures put there: dedup reads a captured attribute like any field. */
class DedupCapturedAttributesTests extends ApplicationTest {

	@Autowired
	DataSource dataSource;

	@Autowired
	PhoneNumbers phoneNumbers;

	@TempDir
	Path files;

	@BeforeEach
	void emptyStore() {
		store.clear();
		history.clearHistory();
	}

	@Test
	void aRuleOnAnAttributeComparesTheValueACaptureGave() throws Exception {
		Path input = Files.write(files.resolve("forms.jsonl"), List.of(
				"{\"type\":\"form_submitted\",\"channel\":\"frame\",\"visitor\":\"v-1\",\"at\":\"2025-08-20T10:00:00Z\","
						+ "\"fields\":{\"name\":\"Ann Lee\",\"customer_no\":\"  K-1001 \"}}",
				"{\"type\":\"profile_seen\",\"channel\":\"telegram\",\"visitor\":\"42\",\"at\":\"2025-08-21T10:00:00Z\","
						+ "\"name\":\"A. Lee\",\"attributes\":{\"customer_no\":\"k-1001\"}}"));
		jobs.run("capture-import", Map.of("input", input.toString()));
		DedupRules rules = rules("  - {field: attributes.customer_no, method: exact, agree: 9}");
		ContactNormaliser normaliser = new ContactNormaliser(rules, phoneNumbers);

		List<ContactFeatures> features = new ArrayList<>();
		LiveContactReader reader = new LiveContactReader(dataSource, json, List.of("customer_no"),
				new IdRangePartitioner.Range(1, Long.MAX_VALUE), 100);
		reader.open(new ExecutionContext());
		for (StoredContact contact; (contact = reader.read()) != null;) {
			features.add(normaliser.normalise(contact));
		}
		reader.close();

		assertThat(features).hasSize(2).allSatisfy(contact -> assertThat(contact.attributes())
			.containsEntry("customer_no", features.get(0).attributes().get("customer_no")));
		assertThat(features.get(0).attributes().get("customer_no")).isNotNull();
	}

	private static DedupRules rules(String comparison) throws IOException {
		String yaml = Files.readString(Path.of("jobs/dedup.yml"))
			.replace("compare:\n", "compare:\n" + comparison + "\n");
		return new DedupRulesReader().read("dedup.yml", new StringReader(yaml));
	}
}
