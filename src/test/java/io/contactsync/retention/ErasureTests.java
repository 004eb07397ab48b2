package io.contactsync.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.contactsync.dedup.MergeService;
import io.contactsync.store.PersonalDataEraser;
import io.contactsync.support.ApplicationTest;
import io.contactsync.support.TestClock;
import io.contactsync.support.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;

/**
 * Erasure requests through the API, and the purge a retention run makes of them: after it, no text or JSON column
 * of any table holds the person's name, email, phone, ids or message text, while everyone else's data stays.
 */
class ErasureTests extends ApplicationTest {

	/** What identifies Jane, as it may be written anywhere; after her erasure none of it may be left. */
	private static final List<String> JANE = List.of("Jane Erasable", "jane.erasable@example.com", "jane.old@example.com",
			"442079460958", "7946 0958", "777123456", "Zephyrine");

	private static final List<String> BOB = List.of("Bob Keeper", "bob.keeper@example.com", "888999000", "Quillane");

	/**
	 * The tables with a text or JSON column that no module erases, each with why it holds no personal data. A new
	 * table goes to a module's {@link PersonalDataEraser}, or here with a reason a reviewer can check.
	 */
	private static final Map<String, String> NO_PERSONAL_DATA = Map.ofEntries(
			Map.entry("audit_event", "ids, counts and field names only (AuditLog's rule): the trail outlives erasures"),
			Map.entry("capture_warning", "where a field was cleaned and why, never the value (V31)"),
			Map.entry("flyway_schema_history", "the migrations applied"),
			Map.entry("crm_rate_bucket", "a mapping's name and rate limit, and Bucket4j's token state (V39)"),
			Map.entry("batch_job_instance", "job names and the hash of their parameters"),
			Map.entry("batch_job_execution", "statuses and exit descriptions: counts and step names"),
			Map.entry("batch_job_execution_context", "reader positions and run settings, never records"),
			Map.entry("batch_step_execution", "statuses and exit descriptions: counts and step names"),
			Map.entry("batch_step_execution_context", "reader positions and run settings, never records"));

	@Autowired
	MergeService merges;

	@Autowired
	List<PersonalDataEraser> erasers;

	@TempDir
	Path exports;

	@BeforeEach
	void emptyStore() {
		store.clear();
		history.clearHistory();
	}

	@Test
	void aPurgedPersonLeavesNoTraceInAnyColumnOfAnyTableAndEveryoneElseStays() throws Exception {
		long jane = janeEverywhere();
		assertThat(tracesOf(JANE)).as("the test must first put Jane everywhere it then looks").hasSize(JANE.size());

		erasure(jane, "{\"grace_days\": 0}").andExpect(status().isAccepted());
		assertThat(jobs.run("retention", Map.of()).getStatus()).isEqualTo(BatchStatus.COMPLETED);

		assertThat(tracesOf(JANE)).isEmpty();
		assertThat(tracesOf(BOB)).as("Bob's data").hasSize(BOB.size());
		assertThat(store.jdbc().sql("select count(*) from capture_inbox where status = 'pending'").query(Long.class)
			.single()).as("Bob's pending capture").isEqualTo(1);
		mvc.perform(get("/api/v1/contacts/" + jane).with(Tokens.VIEWER.bearer())).andExpect(status().isNotFound());
		assertThat(store.jdbc().sql("select status || ' ' || coalesce(last_error, '-') from crm_link where contact_id = :id")
			.param("id", jane).query(String.class).single()).as("the link crm-push deletes the CRM record by")
			.isEqualTo("failed -");
		String audit = store.jdbc().sql("""
				select actor || ' ' || details::text from audit_event where action = 'contact.erased' and entity_id = :id""")
			.param("id", jane).query(String.class).single();
		// Her batch of four events is kept as four inbox payloads (one per element), with her later single capture: 5.
		assertThat(audit).startsWith("retention ").contains("\"requestedBy\": \"admin\"", "\"mergedContacts\": 1",
				"\"identities\": 2", "\"conversations\": 1", "\"messages\": 2", "\"capturePayloads\": 5");
	}

	@Test
	void aRequestWaitsItsGracePeriodClosesOpenConversationsAndCanBeCancelledUntilThen() throws Exception {
		long id = store.contact().name("Jane Doe").insert();
		store.conversation(id, "open", TestClock.NOW.minus(Duration.ofHours(1)), "Still there?");

		erasure(id, null).andExpect(status().isAccepted())
			.andExpect(jsonPath("$.contact_id").value(id))
			.andExpect(jsonPath("$.requested_by").value("admin"))
			.andExpect(jsonPath("$.due_at").value("2025-09-21T12:00:00Z"));
		assertThat(store.jdbc().sql("select status from conversation").query(String.class).single()).isEqualTo("closed");
		erasure(id, "{\"grace_days\": 0}").andExpect(jsonPath("$.due_at").value("2025-09-21T12:00:00Z"));
		mvc.perform(get("/api/v1/contacts/" + id + "/erasure").with(Tokens.VIEWER.bearer()))
			.andExpect(status().isOk()).andExpect(jsonPath("$.due_at").value("2025-09-21T12:00:00Z"));
		mvc.perform(get("/api/v1/contacts/" + id).with(Tokens.VIEWER.bearer()))
			.andExpect(jsonPath("$.erasure_due_at").value("2025-09-21T12:00:00Z"));

		jobs.run("retention", Map.of());
		assertThat(store.count("contact")).as("not due yet").isEqualTo(1);

		mvc.perform(delete("/api/v1/contacts/" + id + "/erasure").with(Tokens.ADMIN.bearer()))
			.andExpect(status().isNoContent());
		mvc.perform(get("/api/v1/contacts/" + id + "/erasure").with(Tokens.VIEWER.bearer()))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("no erasure request waiting")));
		assertThat(store.jdbc().sql("select action from audit_event order by id").query(String.class).list())
			.containsExactly("contact.erasure_requested", "contact.erasure_cancelled");
	}

	@Test
	void aRequestWhoseGracePeriodEndedCanNoLongerBeCancelled() throws Exception {
		long id = store.contact().insert();
		erasure(id, "{\"grace_days\": 0}").andExpect(status().isAccepted());

		mvc.perform(delete("/api/v1/contacts/" + id + "/erasure").with(Tokens.ADMIN.bearer()))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("can no longer be cancelled")));
	}

	@Test
	void onlyAdminsMayRequestOrCancelAndABadBodyOrAMergedContactIsRefused() throws Exception {
		long id = store.contact().insert();
		long merged = store.contact().name("Other").insert();
		store.jdbc().sql("update contact set merged_into = :id where id = :merged").param("id", id)
			.param("merged", merged).update();

		mvc.perform(post("/api/v1/contacts/" + id + "/erasure").with(Tokens.OPERATOR.bearer()))
			.andExpect(status().isForbidden());
		mvc.perform(delete("/api/v1/contacts/" + id + "/erasure").with(Tokens.OPERATOR.bearer()))
			.andExpect(status().isForbidden());
		erasure(id, "{\"grace_days\": -1}").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("grace_days")));
		erasure(merged, null).andExpect(status().isNotFound()).andExpect(jsonPath("$.merged_into").value(id));
		assertThat(store.jdbc().sql("select count(*) from contact where erasure_requested_at is not null")
			.query(Long.class).single()).isZero();
	}

	/**
	 * Jane through the real paths: captures over HTTP imported by capture-import, a second contact of hers merged
	 * into her, a duplicate candidate with Bob, a CRM error quoting her email, an export that searched for her and
	 * a capture of hers still pending. Bob has a contact, messages and a pending capture of his own.
	 */
	private long janeEverywhere() throws Exception {
		capture("[" + String.join(",", event("conversation_started", "777123456", "10:00:00", ""),
				event("message", "777123456", "10:00:05", ",\"sender\":\"visitor\",\"text\":\"Do you ship the Zephyrine kit?\",\"id\":\"j1\""),
				event("message", "777123456", "10:00:09", ",\"sender\":\"bot\",\"text\":\"Yes, Zephyrine ships in two days.\",\"id\":\"j2\""),
				event("form_submitted", "777123456", "10:01:00",
						",\"name\":\"Jane Erasable\",\"email\":\"jane.erasable@example.com\",\"phone\":\"+44 20 7946 0958\"")) + "]");
		capture("[" + String.join(",", event("conversation_started", "888999000", "11:00:00", ""),
				event("message", "888999000", "11:00:05", ",\"sender\":\"visitor\",\"text\":\"Is Quillane in stock?\",\"id\":\"b1\""),
				event("form_submitted", "888999000", "11:01:00", ",\"name\":\"Bob Keeper\",\"email\":\"bob.keeper@example.com\""))
				+ "]");
		assertThat(jobs.run("capture-import", Map.of()).getStatus()).isEqualTo(BatchStatus.COMPLETED);
		capture(event("message", "777123456", "12:00:00", ",\"sender\":\"visitor\",\"text\":\"Zephyrine again\",\"id\":\"j3\""));
		capture(event("message", "888999000", "12:00:00", ",\"sender\":\"visitor\",\"text\":\"Quillane again\",\"id\":\"b2\""));

		long jane = contactOf("jane.erasable@example.com");
		long bob = contactOf("bob.keeper@example.com");
		long old = store.contact().name("Jane E.").email("jane.old@example.com").channel("frame").insert();
		store.identity(old, "frame", "widget-visitor-4711");
		merges.merge(jane, old, "admin", "same person");
		store.jdbc().sql("""
				insert into duplicate_candidate (contact_a, contact_b, score, evidence)
				values (least(:a, :b), greatest(:a, :b), 0.71, '{"names": ["Jane Erasable", "Bob Keeper"]}')""")
			.param("a", jane).param("b", bob).update();
		// A dedup run stopped half-way: its features and value counts quote her address.
		store.jdbc().sql("""
				insert into dedup_feature (run_id, contact_id, created_at, email, given, family)
				values (0, :id, now(), 'jane.erasable@example.com', 'jane', 'erasable')""").param("id", jane).update();
		store.jdbc().sql("""
				insert into dedup_frequency (run_id, field, value, contacts)
				values (0, 'email', 'jane.erasable@example.com', 2)""").update();
		store.jdbc().sql("""
				insert into crm_link (contact_id, target, crm_id, status, last_error, attempts)
				values (:id, 'hubspot', '512', 'failed', 'INVALID_EMAIL: jane.erasable@example.com is invalid', 1)""")
			.param("id", jane).update();
		assertThat(jobs.run("export", Map.of("format", "csv", "output", exports.resolve("jane.csv").toString(), "q",
				"Jane Erasable")).getStatus()).isEqualTo(BatchStatus.COMPLETED);
		return jane;
	}

	@Test
	void everyTableThatMayHoldPersonalDataIsErasedByTheModuleThatOwnsIt() {
		Set<String> erased = erasers.stream().flatMap(eraser -> eraser.tables().stream()).collect(Collectors.toSet());
		List<String> holdingText = store.jdbc().sql("""
				select distinct c.table_name from information_schema.columns c
				join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
				where c.table_schema = current_schema() and t.table_type = 'BASE TABLE'
				  and c.data_type in ('text', 'character varying', 'character', 'jsonb', 'json', 'ARRAY')
				order by 1""").query(String.class).list();

		assertThat(holdingText).as("tables with text no eraser covers and NO_PERSONAL_DATA does not explain")
			.filteredOn(table -> !erased.contains(table) && !NO_PERSONAL_DATA.containsKey(table))
			.isEmpty();
		// Erasers may also declare tables of ids only (dedup_pair): rows keyed by a person go with the person.
		List<String> tables = store.jdbc().sql("""
				select table_name from information_schema.tables
				where table_schema = current_schema() and table_type = 'BASE TABLE'""").query(String.class).list();
		assertThat(erased).as("tables erasers declare that do not exist (renamed?)").isSubsetOf(tables);
		assertThat(NO_PERSONAL_DATA.keySet()).as("tables said to hold no personal data that an eraser erases")
			.doesNotContainAnyElementsOf(erased)
			.isSubsetOf(holdingText);
	}

	/** The values of {@code person} that some text or JSON column of some table still holds. */
	private List<String> tracesOf(List<String> person) {
		List<Map<String, Object>> columns = store.jdbc().sql("""
				select table_name, column_name from information_schema.columns
				where table_schema = current_schema()
				  and data_type in ('text', 'character varying', 'character', 'jsonb', 'json', 'ARRAY')""")
			.query().listOfRows();
		List<String> found = new ArrayList<>();
		for (String value : person) {
			for (Map<String, Object> column : columns) {
				boolean holds = store.jdbc().sql("select exists (select 1 from \"%s\" where \"%s\"::text ilike :pattern)"
						.formatted(column.get("table_name"), column.get("column_name")))
					.param("pattern", "%" + value + "%")
					.query(Boolean.class)
					.single();
				if (holds) {
					found.add(value);
					break;
				}
			}
		}
		return found;
	}

	private ResultActions erasure(long id, String body) throws Exception {
		var request = post("/api/v1/contacts/" + id + "/erasure").with(Tokens.ADMIN.bearer());
		return mvc.perform(body == null ? request : request.contentType(MediaType.APPLICATION_JSON).content(body));
	}

	private void capture(String json) throws Exception {
		mvc.perform(post("/api/v1/captures?channel=telegram").with(Tokens.OPERATOR.bearer())
			.contentType(MediaType.APPLICATION_JSON).content(json)).andExpect(status().isAccepted());
	}

	private static String event(String type, String visitor, String time, String fields) {
		return "{\"type\":\"" + type + "\",\"channel\":\"telegram\",\"visitor\":\"" + visitor + "\",\"conversation\":\"c-"
				+ visitor + "\",\"at\":\"2025-08-20T" + time + "Z\"" + fields + "}";
	}

	private long contactOf(String email) {
		return store.jdbc().sql("select id from contact where email = :email").param("email", email)
			.query(Long.class).single();
	}
}
