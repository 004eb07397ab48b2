package io.contactsync.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.contactsync.policy.FileProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CrmMappingsTests {

	@Test
	void shippedFilesAreValid() {
		CrmMappings mappings = new CrmMappings(Path.of("mappings"));

		assertThat(mappings.all()).extracting(CrmMapping::name).containsExactly("hubspot", "salesforce", "zoho");
		assertThat(mappings.byName("hubspot")).get().extracting(CrmMapping::matchKey).isEqualTo("email");
		assertThat(mappings.byName("salesforce")).get().extracting(CrmMapping::matchKey)
			.isEqualTo("Contact_Sync_Id__c");
		assertThat(mappings.byName("zoho")).get().extracting(CrmMapping::object).isEqualTo("Leads");
		assertThat(mappings.byName("pipedrive")).isEmpty();
	}

	@Test
	void missingDirectoryMeansNoMappings(@TempDir Path directory) {
		assertThat(new CrmMappings(directory.resolve("absent")).all()).isEmpty();
	}

	@Test
	void everyProblemOfEveryFileFailsTheStartOnce(@TempDir Path directory) throws IOException {
		Files.writeString(directory.resolve("a.yml"), "target: pipedrive\n");
		Files.writeString(directory.resolve("b.yaml"), "target: zoho\n");
		Files.copy(Path.of("mappings/hubspot.yml"), directory.resolve("c.yml"));
		Files.writeString(directory.resolve("notes.txt"), "not a mapping");

		MappingException failure = catchThrowableOfType(MappingException.class, () -> new CrmMappings(directory));

		String a = directory.resolve("a.yml").toString();
		assertThat(failure.problems()).extracting(FileProblem::toString).containsExactly(
				a + ":1: missing object; add object: the CRM object, e.g. contacts, Lead or Leads",
				a + ":1: missing matchKey; add matchKey: the CRM field that identifies a record, mapped in fields",
				a + ":1: missing rateLimit; add rateLimit: {requests: 100, perSeconds: 10}",
				a + ":1: missing credentials; add credentials: the environment variables that hold the secrets",
				a + ":1: missing fields; add fields: the list of CRM fields",
				a + ":1: unknown target 'pipedrive'; use one of hubspot, salesforce, zoho",
				directory.resolve("b.yaml") + ":1: mapping files end in .yml; rename it to b.yml");
		assertThat(failure.getMessage()).contains("\n  " + a + ":1: unknown target 'pipedrive'");
	}
}
