package io.contactsync.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.io.StringReader;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.contactsync.store.PhoneNumbers;
import org.junit.jupiter.api.Test;

class CrmRecordMapperTests {

	private final CrmRecordMapper mapper = new CrmRecordMapper(new PhoneNumbers("US"));

	@Test
	void everyFieldKindOfTheShippedHubSpotMapping() {
		CrmMapping hubspot = new CrmMappings(Path.of("mappings")).byName("hubspot").orElseThrow();

		CrmRecord record = mapper.map(hubspot, contact());

		assertThat(record.contactId()).isEqualTo(42);
		assertThat(record.key()).isEqualTo("jane.doe@example.com");
		assertThat(record.fields()).containsExactly(entry("email", "jane.doe@example.com"),
				entry("firstname", "Jane Ann"), entry("lastname", "Doe"), entry("phone", "+12025550143"),
				entry("hs_lead_status", "OPEN"), entry("lifecyclestage", "lead"),
				entry("contact_sync_channel", "telegram"), entry("contact_sync_created", "2024-03-01"));
	}

	@Test
	void singleWordNameIsTheLastName() {
		assertThat(map(field("name", "[first_name]"), Map.of("name", "Cher"))).isEmpty();
		assertThat(map(field("name", "[last_name]"), Map.of("name", " Cher "))).containsExactly(entry("f", "Cher"));
	}

	@Test
	void invalidPhoneNumberIsLeftOut() {
		assertThat(map(field("phone", "[e164]"), Map.of("phone", "12"))).isEmpty();
		assertThat(map(field("phone", "[e164]"), Map.of("phone", "+44 20 7946 0958")))
			.containsExactly(entry("f", "+442079460958"));
	}

	@Test
	void lowerCaseIgnoresTheDefaultLocale() {
		assertThat(map(field("email", "[lower_case]"), Map.of("email", "TITLE@EXAMPLE.COM")))
			.containsExactly(entry("f", "title@example.com"));
	}

	@Test
	void dateTimeIsUtcAndIsoWithoutPattern() {
		Map<String, Object> contact = Map.of("created_at", OffsetDateTime.parse("2024-03-01T23:30:00-05:00"));

		assertThat(map(field("created_at", "[{date_time: \"yyyy-MM-dd HH:mm\"}]"), contact))
			.containsExactly(entry("f", "2024-03-02 04:30"));
		assertThat(map(field("created_at", "[date_time]"), contact)).containsExactly(entry("f", "2024-03-02T04:30:00Z"));
		assertThat(map(field("created_at", "[]"), Map.of("created_at", Instant.parse("2024-03-02T04:30:00Z"))))
			.containsExactly(entry("f", "2024-03-02T04:30:00Z"));
	}

	@Test
	void truncateCountsCodePoints() {
		assertThat(map(field("notes", "[{truncate: 3}]"), Map.of("notes", "a😀bc"))).containsExactly(entry("f", "a😀b"));
		assertThat(map(field("notes", "[{truncate: 3}]"), Map.of("notes", "ab"))).containsExactly(entry("f", "ab"));
	}

	@Test
	void valuesMapAndUnlistedValues() {
		String field = "{target: f, source: lead_status, values: {new: Open}}";

		assertThat(map(field, Map.of("lead_status", "new"))).containsExactly(entry("f", "Open"));
		assertThat(map(field, Map.of("lead_status", "archived"))).isEmpty();
	}

	@Test
	void constantAndDefault() {
		assertThat(map("{target: f, constant: Chatbot}", Map.of())).containsExactly(entry("f", "Chatbot"));
		assertThat(map("{target: f, source: notes, default: none}", Map.of("notes", "  ")))
			.containsExactly(entry("f", "none"));
		assertThat(map("{target: f, source: notes}", Map.of())).isEmpty();
	}

	@Test
	void tagsNumbersFlagsAndAttributes() {
		Map<String, Object> contact = Map.of("tags", new String[] { "vip", "b2b" }, "lead_score", 87,
				"marketing_consent", true, "attributes", Map.of("company", "Acme"));

		assertThat(map(field("tags", "[]"), contact)).containsExactly(entry("f", "vip;b2b"));
		assertThat(map(field("tags", "[]"), Map.of("tags", List.of("x")))).containsExactly(entry("f", "x"));
		assertThat(map(field("lead_score", "[]"), contact)).containsExactly(entry("f", "87"));
		assertThat(map(field("marketing_consent", "[]"), contact)).containsExactly(entry("f", "true"));
		assertThat(map(field("attributes.company", "[]"), contact)).containsExactly(entry("f", "Acme"));
		assertThat(map(field("attributes.size", "[]"), contact)).isEmpty();
	}

	@Test
	void equalFieldsHashEquallyAndAnyChangeChangesTheHash() {
		CrmMapping hubspot = new CrmMappings(Path.of("mappings")).byName("hubspot").orElseThrow();
		Map<String, Object> other = new HashMap<>(contact());
		other.put("id", 43L);
		Map<String, Object> changed = new HashMap<>(contact());
		changed.put("lead_status", "new");

		String hash = mapper.map(hubspot, contact()).hash();

		assertThat(hash).hasSize(64).matches("[0-9a-f]+");
		assertThat(mapper.map(hubspot, other).hash()).isEqualTo(hash);
		assertThat(mapper.map(hubspot, changed).hash()).isNotEqualTo(hash);
	}

	@Test
	void hashDoesNotConfuseWhereOneFieldEndsAndTheNextBegins() {
		assertThat(CrmRecordMapper.hash(Map.of("a", "b1:c", "d", "e")))
			.isNotEqualTo(CrmRecordMapper.hash(Map.of("a", "b", "c", "1:d")));
		assertThat(CrmRecordMapper.hash(Map.of("a", "1", "b", "2")))
			.isEqualTo(CrmRecordMapper.hash(new TreeMap<>(Map.of("b", "2", "a", "1")).descendingMap()));
	}

	private static Map<String, Object> contact() {
		Map<String, Object> contact = new HashMap<>();
		contact.put("id", 42L);
		contact.put("name", "Jane Ann Doe");
		contact.put("email", "Jane.Doe@Example.com");
		contact.put("phone", "(202) 555-0143");
		contact.put("phone_e164", "+12025550143");
		contact.put("channel", "telegram");
		contact.put("lead_status", "follow_up");
		contact.put("created_at", Instant.parse("2024-03-01T10:00:00Z"));
		contact.put("notes", null);
		return contact;
	}

	private static String field(String source, String transforms) {
		return "{target: f, source: " + source + ", transforms: " + transforms + "}";
	}

	/** The fields of a one-field mapping applied to a contact. */
	private Map<String, String> map(String field, Map<String, Object> values) {
		String yaml = """
				target: hubspot
				object: contacts
				matchKey: id
				rateLimit: {requests: 1, perSeconds: 1}
				credentials: {accessToken: T, baseUrl: U}
				delete: delete
				fields:
				  - {target: id, source: id}
				  - %s
				""".formatted(field);
		CrmMapping mapping = new MappingFileReader().read("mappings/test.yml", new StringReader(yaml));
		Map<String, Object> contact = new HashMap<>(values);
		contact.put("id", 1);
		Map<String, String> fields = new HashMap<>(mapper.map(mapping, contact).fields());
		fields.remove("id");
		return fields;
	}
}
