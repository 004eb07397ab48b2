package io.contactsync.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.contactsync.policy.FileProblem;
import org.junit.jupiter.api.Test;

/** A HubSpot mapping's subscriptions, from the shipped file's commented example to each mistake it names. */
class MappingSubscriptionsReaderTests {

	private static final String FILE = "mappings/hubspot.yml";

	private final MappingFileReader reader = new MappingFileReader();

	/** The shipped mappings/hubspot.yml with its subscriptions example uncommented, as a user would. */
	static String shippedWithSubscriptions() throws IOException {
		String shipped = Files.readString(Path.of("mappings/hubspot.yml"));
		String uncommented = shipped.replace("\n#subscriptions: ", "\nsubscriptions: ")
			.replace("\n#                legalBasisExplanation", "\n                legalBasisExplanation");
		assertThat(uncommented).as("the shipped example").isNotEqualTo(shipped);
		return uncommented;
	}

	@Test
	void theShippedExampleIsValid() throws IOException {
		CrmMapping mapping = reader.read(FILE, new StringReader(shippedWithSubscriptions()));

		assertThat(mapping.options().subscriptions()).isEqualTo(new CrmMapping.Subscriptions(List.of(12345678L),
				"CONSENT_WITH_NOTICE", "Consent asked in the chat", false, lineOf(shippedWithSubscriptions(),
						"subscriptions:")));
	}

	@Test
	void withoutSubscriptionsNoStatusIsWritten() throws IOException {
		CrmMapping mapping = reader.read(FILE, new StringReader(Files.readString(Path.of(FILE))));

		assertThat(mapping.options().subscriptions()).isNull();
	}

	@Test
	void eachMistakeIsNamedAtItsLine() throws IOException {
		String yaml = shippedWithSubscriptions().replace("ids: [12345678]", "ids: [marketing]")
			.replace("legalBasis: CONSENT_WITH_NOTICE", "legalBasis: CONSENT");
		int line = lineOf(yaml, "subscriptions:");

		assertThat(problems(yaml)).containsExactly(
				FILE + ":" + line + ": subscriptions.ids holds HubSpot's numeric ids of subscription types, not 'marketing'",
				FILE + ":" + line + ": unknown subscriptions.legalBasis 'CONSENT'; use one of CONSENT_WITH_NOTICE,"
						+ " LEGITIMATE_INTEREST_CLIENT, LEGITIMATE_INTEREST_OTHER, LEGITIMATE_INTEREST_PQL, NON_GDPR,"
						+ " PERFORMANCE_OF_CONTRACT, PROCESS_AND_STORE");
	}

	/** An id past a long, or a negative one, is named, never an exception from the reader. */
	@Test
	void idsHubSpotCouldNotHoldAreNamed() throws IOException {
		String yaml = shippedWithSubscriptions().replace("ids: [12345678]", "ids: [99999999999999999999999, -4]");
		String at = FILE + ":" + lineOf(yaml, "subscriptions:") + ": ";

		assertThat(problems(yaml)).containsExactly(
				at + "subscriptions.ids holds HubSpot's numeric ids of subscription types, not '99999999999999999999999'",
				at + "subscriptions.ids holds HubSpot's numeric ids of subscription types, not '-4'");
	}

	@Test
	void moreTypesThanOneStatusRequestTakesAreNamed() throws IOException {
		String ids = String.join(", ", java.util.Collections.nCopies(101, "12345678"));
		String yaml = shippedWithSubscriptions().replace("ids: [12345678]", "ids: [" + ids + "]");

		assertThat(problems(yaml)).containsExactly(FILE + ":" + lineOf(yaml, "subscriptions:") + ": subscriptions.ids"
				+ " lists 101 types; at most 100, since HubSpot takes at most 100 statuses a request and a contact's go"
				+ " together");
	}

	@Test
	void aMissingLegalBasisAndAnEmptyIdListAreNamed() throws IOException {
		String yaml = shippedWithSubscriptions().replace("ids: [12345678], legalBasis: CONSENT_WITH_NOTICE,", "ids: [],");
		int line = lineOf(yaml, "subscriptions:");

		assertThat(problems(yaml)).hasSize(2).allMatch(problem -> problem.startsWith(FILE + ":" + line + ": "))
			.anyMatch(problem -> problem.contains("subscriptions.ids must list the subscription types' ids"))
			.anyMatch(problem -> problem.contains("subscriptions.legalBasis is missing; add it"));
	}

	@Test
	void statusesAreKeptByEmailSoTheMatchKeyMustBeIt() throws IOException {
		String yaml = shippedWithSubscriptions().replace("matchKey: email", "matchKey: contact_sync_id")
			.replace("fields:\n", "fields:\n  - {target: contact_sync_id, source: id}\n");

		assertThat(problems(yaml)).containsExactly(FILE + ":" + lineOf(yaml, "subscriptions:")
				+ ": subscriptions need matchKey: email, since HubSpot keeps each status by email address");
	}

	@Test
	void otherCrmsTakeConsentAsAField() throws IOException {
		String yaml = Files.readString(Path.of("mappings/salesforce.yml"))
			+ "subscriptions: {ids: [1], legalBasis: NON_GDPR, legalBasisExplanation: x}\n";

		assertThat(problems(yaml)).singleElement().asString().contains("subscriptions apply to HubSpot only;"
				+ " Salesforce takes consent as a mapped field (source: marketing_consent)");
	}

	private List<String> problems(String yaml) {
		MappingException failure = catchThrowableOfType(MappingException.class,
				() -> reader.read(FILE, new StringReader(yaml)));
		assertThat(failure).as("a MappingException").isNotNull();
		return failure.problems().stream().map(FileProblem::toString).toList();
	}

	private static int lineOf(String yaml, String start) {
		List<String> lines = yaml.lines().toList();
		for (int i = 0; i < lines.size(); i++) {
			if (lines.get(i).startsWith(start)) {
				return i + 1;
			}
		}
		throw new AssertionError(start + " is not in the file");
	}
}
