package io.contactsync.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.contactsync.policy.FileProblem;
import io.contactsync.crm.CrmMapping.FieldMapping;
import io.contactsync.crm.CrmMapping.Transform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MappingFileReaderTests {

	private static final String FILE = "mappings/sf.yml";

	// Line numbers matter: the tests below name them.
	private static final String VALID = """
			target: salesforce
			object: Lead
			matchKey: Contact_Sync_Id__c
			scope: {requireEmail: false, excludeArchived: true, excludeOptedOut: false, channels: [telegram]}
			batchSize: 200
			rateLimit: {requests: 20, perSeconds: 10}
			credentials: {loginUrl: SALESFORCE_LOGIN_URL, clientId: SALESFORCE_CLIENT_ID, clientSecret: SALESFORCE_CLIENT_SECRET}
			delete: delete
			fields:
			  - {target: Contact_Sync_Id__c, source: id}
			  - {target: LastName, source: name, transforms: [last_name], default: Unknown}
			  - {target: Company, constant: Acme}
			  - {target: Status, source: lead_status, values: {new: Open, archived: Closed}}
			  - {target: Email, source: email, transforms: [lower_case, {truncate: 80}]}
			  - {target: Created__c, source: created_at, transforms: [{date_time: "yyyy-MM-dd"}]}
			""";

	private final MappingFileReader reader = new MappingFileReader();

	@Test
	void validFileBecomesTheMapping() {
		CrmMapping mapping = reader.read(FILE, new StringReader(VALID));

		assertThat(mapping.name()).isEqualTo("sf");
		assertThat(mapping.file()).isEqualTo(FILE);
		assertThat(mapping.target()).isEqualTo(CrmTarget.SALESFORCE);
		assertThat(mapping.object()).isEqualTo("Lead");
		assertThat(mapping.matchKey()).isEqualTo("Contact_Sync_Id__c");
		assertThat(mapping.scope()).isEqualTo(new CrmMapping.Scope(false, true, false, Set.of("telegram")));
		assertThat(mapping.batchSize()).isEqualTo(200);
		assertThat(mapping.rateLimit()).isEqualTo(new CrmMapping.RateLimit(20, Duration.ofSeconds(10)));
		assertThat(mapping.credentials()).containsExactly(Map.entry("loginUrl", "SALESFORCE_LOGIN_URL"),
				Map.entry("clientId", "SALESFORCE_CLIENT_ID"), Map.entry("clientSecret", "SALESFORCE_CLIENT_SECRET"));
		assertThat(mapping.deleteMode()).isEqualTo("delete");
		assertThat(mapping.fields()).containsExactly(
				new FieldMapping("Contact_Sync_Id__c", "id", null, Map.of(), List.of(), null, CrmMapping.Update.ALWAYS, true, 10),
				new FieldMapping("LastName", "name", null, Map.of(),
						List.of(new Transform(FieldTransform.LAST_NAME, null)), "Unknown", CrmMapping.Update.ALWAYS, true, 11),
				new FieldMapping("Company", null, "Acme", Map.of(), List.of(), null, CrmMapping.Update.ALWAYS, true, 12),
				new FieldMapping("Status", "lead_status", null, Map.of("new", "Open", "archived", "Closed"), List.of(),
						null, CrmMapping.Update.ALWAYS, true, 13),
				new FieldMapping("Email", "email", null, Map.of(),
						List.of(new Transform(FieldTransform.LOWER_CASE, null),
								new Transform(FieldTransform.TRUNCATE, "80")),
						null, CrmMapping.Update.ALWAYS, true, 14),
				new FieldMapping("Created__c", "created_at", null, Map.of(),
						List.of(new Transform(FieldTransform.DATE_TIME, "yyyy-MM-dd")), null, CrmMapping.Update.ALWAYS, true, 15));
	}

	@Test
	void scopeAndBatchSizeHaveDefaults() {
		CrmMapping mapping = reader.read(FILE, new StringReader(VALID.replace("batchSize: 200\n", "")
			.replaceFirst("scope: .*\n", "")));

		assertThat(mapping.scope()).isEqualTo(new CrmMapping.Scope(false, true, true, Set.of()));
		assertThat(mapping.batchSize()).isEqualTo(200);
	}

	@Test
	void syntaxErrorIsReportedAtItsLine() {
		assertThat(problems(VALID.replace("{target: Company, constant: Acme}", "{target: Company, constant: Acme")))
			.singleElement().asString()
			.startsWith("mappings/sf.yml:13: not valid YAML (expected ',' or '}', but got {); fix the syntax there");
	}

	@Test
	void emptyFile() {
		assertThat(problems("# nothing yet\n"))
			.containsExactly("mappings/sf.yml:1: the file is empty; write a mapping into it (see mappings/README.md)");
	}

	@Test
	void unknownTopLevelKey() {
		assertThat(problems(VALID.replace("delete: delete\n", "delete: delete\ntragte: x\n"))).containsExactly(
				"mappings/sf.yml:9: unknown key 'tragte'; use one of target, object, matchKey, scope, batchSize,"
						+ " rateLimit, credentials, delete, deletion, fields, apiVersion, onMissing, convertedLeads,"
						+ " onLeaveScope, subscriptions, activities");
	}

	@Test
	void repeatedTopLevelKey() {
		assertThat(problems(VALID.replace("delete: delete\n", "delete: delete\ndelete: archive\n")))
			.containsExactly("mappings/sf.yml:9: delete is written twice (first on line 8); keep one");
	}

	@Test
	void unknownTarget() {
		assertThat(problems(VALID.replace("target: salesforce", "target: pipedrive")))
			.containsExactly("mappings/sf.yml:1: unknown target 'pipedrive'; use one of hubspot, salesforce, zoho");
	}

	@Test
	void missingTarget() {
		assertThat(problems(VALID.replace("target: salesforce\n", "")))
			.containsExactly("mappings/sf.yml:1: missing target; add target: hubspot, salesforce or zoho");
	}

	@Test
	void unknownObjectForTheTarget() {
		assertThat(problems(VALID.replace("object: Lead", "object: Leads")))
			.containsExactly("mappings/sf.yml:2: unknown object 'Leads' for salesforce; use one of Lead, Contact");
	}

	@Test
	void missingMatchKey() {
		assertThat(problems(VALID.replace("matchKey: Contact_Sync_Id__c\n", ""))).containsExactly(
				"mappings/sf.yml:1: missing matchKey; add matchKey: the CRM field that identifies a record, mapped in"
						+ " fields");
	}

	@Test
	void matchKeyNoFieldMaps() {
		assertThat(problems(VALID.replace("matchKey: Contact_Sync_Id__c", "matchKey: External_Id__c")))
			.containsExactly("mappings/sf.yml:3: matchKey 'External_Id__c' is not mapped; add a field with target:"
					+ " External_Id__c or name one of the mapped fields");
	}

	@Test
	void matchKeyFromAConstantOrWithADefault() {
		assertThat(problems(VALID.replace("{target: Contact_Sync_Id__c, source: id}",
				"{target: Contact_Sync_Id__c, constant: x}")))
			.containsExactly("mappings/sf.yml:10: field 'Contact_Sync_Id__c' is the match key, so a constant would"
					+ " make every contact the same CRM record; map it from a source");
		assertThat(problems(VALID.replace("{target: Contact_Sync_Id__c, source: id}",
				"{target: Contact_Sync_Id__c, source: id, default: x}")))
			.containsExactly("mappings/sf.yml:10: field 'Contact_Sync_Id__c' is the match key, so a default would"
					+ " make every contact without it the same CRM record; remove the default and use scope to"
					+ " leave them out");
	}

	@Test
	void unknownSourceField() {
		assertThat(problems(VALID.replace("source: email", "source: emial"))).containsExactly(
				"mappings/sf.yml:14: unknown source field 'emial'; use one of id, name, email, phone, phone_e164,"
						+ " channel, channel_label, created_at, last_activity_at, lead_status, lead_temperature,"
						+ " lead_score, notes, tags, marketing_consent, opted_out_at or attributes.<key>");
	}

	@Test
	void customAttributesAreSources() {
		CrmMapping mapping = reader.read(FILE,
				new StringReader(VALID.replace("{target: Company, constant: Acme}",
						"{target: Company, source: attributes.company, default: Unknown}")));

		assertThat(mapping.fields().get(2).source()).isEqualTo("attributes.company");
	}

	@Test
	void fieldWithBothSourceAndConstant() {
		assertThat(problems(VALID.replace("{target: Company, constant: Acme}",
				"{target: Company, constant: Acme, source: name}")))
			.containsExactly("mappings/sf.yml:12: field 'Company' has both source and constant; keep one");
	}

	@Test
	void fieldWithNeitherSourceNorConstant() {
		assertThat(problems(VALID.replace("{target: Company, constant: Acme}", "{target: Company, default: Acme}")))
			.containsExactly("mappings/sf.yml:12: field 'Company' has neither source nor constant; add source:"
					+ " <contact field> or constant: <value>");
	}

	@Test
	void unknownFieldKey() {
		assertThat(problems(VALID.replace("{target: Company, constant: Acme}",
				"{target: Company, constant: Acme, deafult: x}")))
			.containsExactly("mappings/sf.yml:12: unknown key 'deafult'; use one of target, source, constant,"
					+ " values, transforms, default, update, clear");
	}

	@Test
	void unknownTransform() {
		assertThat(problems(VALID.replace("[lower_case, ", "[upper_case, "))).containsExactly(
				"mappings/sf.yml:14: unknown transform 'upper_case'; use one of first_name, last_name, e164,"
						+ " lower_case, date_time, truncate");
	}

	@Test
	void truncateNeedsAPositiveLength() {
		String expected = "mappings/sf.yml:14: truncate needs the CRM field's length as a positive whole number,"
				+ " e.g. {truncate: 255}";
		assertThat(problems(VALID.replace("{truncate: 80}", "{truncate: 0}"))).containsExactly(expected);
		assertThat(problems(VALID.replace("{truncate: 80}", "{truncate: ten}"))).containsExactly(expected);
		assertThat(problems(VALID.replace("{truncate: 80}", "truncate"))).containsExactly(expected);
	}

	@Test
	void transformWithoutArgumentGivenOne() {
		assertThat(problems(VALID.replace("[lower_case, ", "[{lower_case: yes}, ")))
			.containsExactly("mappings/sf.yml:14: lower_case takes no argument; write it as lower_case");
	}

	@Test
	void dateTimeNeedsAJavaTimePattern() {
		assertThat(problems(VALID.replace("yyyy-MM-dd", "yyyy-bb"))).containsExactly(
				"mappings/sf.yml:15: date_time pattern 'yyyy-bb' is not a java.time pattern that formats a UTC time;"
						+ " use e.g. yyyy-MM-dd or yyyy-MM-dd'T'HH:mm:ssXXX");
	}

	@Test
	void dateTimeOnlyFormatsTimes() {
		assertThat(problems(VALID.replace("source: created_at", "source: notes"))).containsExactly(
				"mappings/sf.yml:15: date_time formats a time; use it on created_at, last_activity_at or"
						+ " opted_out_at, not notes");
	}

	@Test
	void valuesKeyedByWhatTheSourceNeverHolds() {
		assertThat(problems(VALID.replace("archived: Closed", "closed: Closed"))).containsExactly(
				"mappings/sf.yml:13: 'closed' is not a value of lead_status; key values by one of new, active,"
						+ " follow_up, archived");
	}

	@Test
	void sameTargetFieldTwice() {
		assertThat(problems(VALID + "  - {target: Email, source: email}\n"))
			.containsExactly("mappings/sf.yml:16: field 'Email' is mapped twice (first on line 14); keep one");
	}

	@Test
	void requiredFieldNotMapped() {
		assertThat(problems(VALID.replace("  - {target: Company, constant: Acme}\n", ""))).containsExactly(
				"mappings/sf.yml:10: salesforce Lead requires Company; add {target: Company, source: <contact field>,"
						+ " default: <value>} or {target: Company, constant: <value>}");
	}

	@Test
	void requiredFieldFromASourceWithoutDefault() {
		assertThat(problems(VALID.replace(", default: Unknown}", "}"))).containsExactly(
				"mappings/sf.yml:11: required field 'LastName' may be empty; give it a default, e.g. default:"
						+ " \"Unknown\"");
	}

	@Test
	void zohoRequiresLastName() {
		String zoho = VALID.replace("target: salesforce", "target: zoho").replace("object: Lead", "object: Contacts")
			.replace("batchSize: 200", "batchSize: 100")
			.replaceFirst("credentials: .*", "credentials: {accountsUrl: A, apiUrl: B, clientId: C, clientSecret: D,"
					+ " refreshToken: E}");

		assertThat(problems(zoho)).containsExactly("mappings/sf.yml:10: zoho Contacts requires Last_Name; add"
				+ " {target: Last_Name, source: <contact field>, default: <value>} or {target: Last_Name, constant:"
				+ " <value>}");
	}

	@Test
	void batchSizeAboveTheVendorLimitOrBelowOne() {
		assertThat(problems(VALID.replace("batchSize: 200", "batchSize: 201"))).containsExactly(
				"mappings/sf.yml:5: batchSize 201 is above salesforce's limit of 200 records per request; use 1 to 200");
		assertThat(problems(VALID.replace("batchSize: 200", "batchSize: 0")))
			.containsExactly("mappings/sf.yml:5: batchSize must be at least 1; use 1 to 200");
	}

	@Test
	void badRateLimit() {
		assertThat(problems(VALID.replace("requests: 20", "requests: 0"))).containsExactly(
				"mappings/sf.yml:6: rateLimit.requests must be at least 1; e.g. rateLimit: {requests: 100,"
						+ " perSeconds: 10}");
		assertThat(problems(VALID.replace(", perSeconds: 10", ""))).containsExactly(
				"mappings/sf.yml:6: missing rateLimit.perSeconds; e.g. rateLimit: {requests: 100, perSeconds: 10}");
		assertThat(problems(VALID.replace("perSeconds: 10", "perSeconds: soon"))).containsExactly(
				"mappings/sf.yml:6: rateLimit.perSeconds must be a whole number, not 'soon'");
	}

	@Test
	void aDailyBudgetIsAPositiveNumberOfRequests() {
		CrmMapping budgeted = reader.read(FILE, new StringReader(VALID.replace("perSeconds: 10}",
				"perSeconds: 10, perDay: 250000}")));
		assertThat(budgeted.rateLimit()).isEqualTo(new CrmMapping.RateLimit(20, Duration.ofSeconds(10), 250_000));
		assertThat(problems(VALID.replace("perSeconds: 10}", "perSeconds: 10, perDay: 0}"))).containsExactly(
				"mappings/sf.yml:6: rateLimit.perDay must be at least 1; e.g. perDay: 250000");
	}

	@Test
	void credentialThatIsNotAnEnvironmentVariableNameIsNotQuoted() {
		List<String> problems = problems(VALID.replace("clientSecret: SALESFORCE_CLIENT_SECRET",
				"clientSecret: \"s3cr3t-value\""));

		assertThat(problems).containsExactly("mappings/sf.yml:7: credentials.clientSecret must name the environment"
				+ " variable that holds it (capital letters, digits and _, e.g. SALESFORCE_CLIENT_SECRET), never the"
				+ " secret itself; put the secret in that variable");
		assertThat(problems.get(0)).doesNotContain("s3cr3t");
	}

	@Test
	void credentialMissingOrUnknown() {
		assertThat(problems(VALID.replace(", clientSecret: SALESFORCE_CLIENT_SECRET", ", accessToken: X")))
			.containsExactly(
					"mappings/sf.yml:7: unknown key 'credentials.accessToken'; use one of loginUrl, clientId,"
							+ " clientSecret",
					"mappings/sf.yml:7: credentials lacks clientSecret; add clientSecret: SALESFORCE_CLIENT_SECRET");
	}

	@Test
	void unknownDeleteMode() {
		assertThat(problems(VALID.replace("delete: delete", "delete: purge")))
			.containsExactly("mappings/sf.yml:8: unknown delete 'purge'; use one of archive, delete, keep");
	}

	@Test
	void withoutDeleteARemovalArchives() {
		assertThat(reader.read(FILE, new StringReader(VALID.replace("delete: delete\n", ""))).deleteMode())
			.isEqualTo("archive");
	}

	@Test
	void deletionIsReadAsTheFormerNameOfDelete() {
		assertThat(reader.read(FILE, new StringReader(VALID.replace("delete: delete", "deletion: keep"))).deleteMode())
			.isEqualTo("keep");
		assertThat(problems(VALID.replace("delete: delete", "delete: delete\ndeletion: delete"))).containsExactly(
				"mappings/sf.yml:9: deletion: is the former name of delete:; keep only delete:");
	}

	/** Files written when gdpr-delete was a choice fail with what to write now: an erasure is permanent anyway. */
	@Test
	void gdprDeleteIsNoLongerAChoice() {
		assertThat(problems(VALID.replace("delete: delete", "deletion: gdpr-delete"))).containsExactly(
				"mappings/sf.yml:8: deletion: gdpr-delete is no longer a choice: an erased contact is always deleted"
						+ " for good (in HubSpot by GDPR delete); write delete: archive (or keep) for what other removals do");
	}

	@Test
	void unknownChannelInScope() {
		assertThat(problems(VALID.replace("[telegram]", "[sms]"))).containsExactly(
				"mappings/sf.yml:4: unknown channel 'sms' in scope.channels; use one of frame, livechat, telegram,"
						+ " messenger, whatsapp");
	}

	@Test
	void everyProblemOfAFileIsReportedAtOnce() {
		String yaml = VALID.replace("target: salesforce", "target: salesforce\ncolour: blue")
			.replace("batchSize: 200", "batchSize: 500")
			.replace("source: email", "source: emial")
			.replace("{truncate: 80}", "{truncate: -1}");

		MappingException failure = failure(yaml);

		assertThat(failure.problems()).extracting(FileProblem::line).containsExactly(2, 6, 15, 15);
		assertThat(failure.getMessage()).startsWith("Mapping files have 4 problems; fix them and start again:\n"
				+ "  mappings/sf.yml:2: unknown key 'colour'");
	}

	@Test
	void javaTagsAreRefusedNotInstantiated(@TempDir Path directory) {
		Path marker = directory.resolve("ran");
		String yaml = VALID.replace("target: salesforce",
				"target: !!java.lang.ProcessBuilder [[touch, " + marker + "]]");

		assertThat(problems(yaml)).containsExactly("mappings/sf.yml:1: YAML tags such as !!java... are not allowed:"
				+ " this file holds plain values only, so remove the tag");
		assertThat(Files.exists(marker)).isFalse();
	}

	@Test
	void localTagsAreRefusedToo() {
		assertThat(problems(VALID.replace("object: Lead", "object: !lead Lead"))).containsExactly(
				"mappings/sf.yml:2: YAML tag '!lead' is not allowed: this file holds plain values only, so"
						+ " remove the tag");
	}

	private List<String> problems(String yaml) {
		return failure(yaml).problems().stream().map(FileProblem::toString).toList();
	}

	private MappingException failure(String yaml) {
		MappingException failure = catchThrowableOfType(MappingException.class,
				() -> reader.read(FILE, new StringReader(yaml)));
		assertThat(failure).as("a MappingException").isNotNull();
		return failure;
	}
}
