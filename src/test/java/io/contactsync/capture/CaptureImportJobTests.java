package io.contactsync.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import io.contactsync.support.ApplicationTest;
import io.contactsync.support.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.http.MediaType;

class CaptureImportJobTests extends ApplicationTest {

	@TempDir
	Path files;

	@BeforeEach
	void emptyStoreAndHistory() {
		store.clear();
		history.clearHistory();
		store.jdbc().sql("truncate capture_staging, capture_reject").update();
	}

	@AfterEach
	void noInjectedFailure() {
		history.stopFailing();
		store.jdbc().sql("drop trigger if exists test_fail_messages on message").update();
	}

	@Test
	void importsTheSamplesIntoOneContactPerPerson() {
		JobExecution run = importing("samples");

		assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(names()).containsExactlyInAnyOrder("Olivia Bennett", "Mason Clark", "Harper Mitchell", "Lukas Becker",
				"Андрей Власов", "Priya Sharma", "Sheena Nelson", null);
		Map<String, Object> olivia = contact("Olivia Bennett");
		assertThat(olivia).containsEntry("email", "olivia.bennett@example.com")
			.containsEntry("channel", "frame")
			.containsEntry("created_at", Instant.parse("2025-08-22T05:02:29Z"))
			.containsEntry("last_activity_at", Instant.parse("2025-08-22T05:08:00Z"));
		assertThat(conversationsOf("Olivia Bennett")).singleElement().satisfies(conversation -> assertThat(conversation)
			.containsEntry("status", "closed")
			.containsEntry("message_count", 4)
			.containsEntry("visitor_message_count", 2)
			.containsEntry("first_response_seconds", 2));
		assertThat(identitiesOf("Lukas Becker")).containsExactlyInAnyOrder("frame:v-lukas-55d1", "livechat:contact:301");
		assertThat(contact("Андрей Власов")).containsEntry("phone_e164", "+79161234567");
		assertThat(conversationsOf("Harper Mitchell")).singleElement()
			.satisfies(conversation -> assertThat(conversation).containsEntry("status", "open"));
	}

	@Test
	void changesNothingWhenTheSameInputIsImportedAgain() {
		importing("samples");
		List<String> before = snapshot();

		JobExecution again = importing("samples");

		assertThat(again.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(snapshot()).isEqualTo(before);
	}

	@Test
	void endsTheSameWhateverOrderTheEventsArriveIn() throws IOException {
		List<String> lines = Files.readAllLines(Path.of("samples/widget-conversations.jsonl"));
		importing(write("ordered.jsonl", lines).toString());
		List<String> ordered = snapshotWithoutIds();
		store.clear();

		List<String> reversed = new ArrayList<>(lines);
		Collections.reverse(reversed);
		importing(write("reversed.jsonl", reversed).toString());

		assertThat(snapshotWithoutIds()).isEqualTo(ordered);
	}

	@Test
	void fillsEmptyFieldsButNeverOneAPersonEdited() throws Exception {
		importing(write("first.jsonl", List.of(event("profile_seen", "v-1", "2025-08-20T10:00:00Z",
				"\"name\":\"Sam Visitor\""))).toString());
		long id = (Long) contact("Sam Visitor").get("id");
		mvc.perform(patch("/api/v1/contacts/" + id).with(Tokens.ADMIN.bearer())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\": null, \"version\": 0}")).andExpect(status().isOk());

		importing(write("second.jsonl", List.of(event("form_submitted", "v-1", "2025-08-21T10:00:00Z",
				"\"name\":\"Samuel Visitor\",\"email\":\"sam@example.com\""))).toString());

		Map<String, Object> contact = store.jdbc().sql("select name, email, version from contact where id = :id")
			.param("id", id).query().singleRow();
		assertThat(contact).containsEntry("name", null).containsEntry("email", "sam@example.com")
			.containsEntry("version", 2);
	}

	@Test
	void findsAVisitorOfAnotherChannelByEmail() throws IOException {
		importing(write("a.jsonl", List.of(event("email_collected", "v-1", "2025-08-20T10:00:00Z",
				"\"email\":\"Same.Person@Example.com\""))).toString());
		importing(write("b.jsonl", List.of("{\"type\":\"form_submitted\",\"channel\":\"telegram\",\"visitor\":\"42\","
				+ "\"at\":\"2025-08-21T10:00:00Z\",\"email\":\" same.person@example.com\",\"name\":\"Same Person\"}"))
			.toString());

		assertThat(store.count("contact")).isEqualTo(1);
		assertThat(identitiesOf("Same Person")).containsExactlyInAnyOrder("frame:v-1", "telegram:42");
	}

	@Test
	void rejectsBadRecordsIntoTheReportAndImportsTheRest() throws IOException {
		Path input = write("mixed.jsonl", List.of(
				event("profile_seen", "v-good", "2025-08-20T10:00:00Z", "\"name\":\"Good Visitor\""),
				"{this is not json",
				"{\"type\":\"profile_seen\",\"channel\":\"frame\",\"at\":\"2025-08-20T10:00:00Z\",\"name\":\"No Visitor\"}",
				event("email_collected", "v-bad-email", "2025-08-20T10:00:00Z", "\"email\":\"not-an-address\""),
				event("profile_seen", "v-bad-date", "22.8.2025", "\"name\":\"Bad Date\""),
				"{\"type\":\"profile_seen\",\"channel\":\"frame\",\"visitor\":\"v-cut\",\"at\":\"2025-08-2"));

		JobExecution run = importing(input.toString());

		assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		// The visitor with a malformed email is imported without it; the email is kept as given for a person to fix.
		assertThat(names()).containsExactlyInAnyOrder("Good Visitor", null);
		assertThat(store.jdbc().sql("select email, attributes->>'email_as_given' from contact where name is null")
			.query((rs, row) -> rs.getString(1) + "|" + rs.getString(2)).single()).isEqualTo("null|not-an-address");
		assertThat(step(run, "stageCaptures").getSkipCount()).isEqualTo(4);
		Path report = Path.of(finishMessage(run).replaceAll(".*see ", "").trim());
		List<String> entries = Files.readAllLines(report);
		assertThat(finishMessage(run)).contains("4 records rejected, 1 field cleaned, cut or dropped");
		assertThat(entries).hasSize(5);
		assertThat(entries.get(0)).contains("\"kind\":\"rejected\"").contains("\"source\":\"" + input + "\"")
			.contains("\"line\":2").contains("not valid JSON").contains("{this is not json");
		assertThat(entries.get(1)).contains("\"line\":3").contains("visitor");
		assertThat(entries.get(2)).contains("\"kind\":\"warning\"").contains("\"line\":4")
			.contains("\"field\":\"email\"").contains("kept as attributes.email_as_given")
			.doesNotContain("not-an-address");
		assertThat(entries.get(3)).contains("\"line\":5");
		assertThat(entries.get(4)).contains("\"line\":6");
	}

	@Test
	void rejectsBadRowsOfTheContactTableAndImportsTheRest() throws IOException {
		Path input = write("contacts.csv", List.of("ID,Name,Email,Phone,Channel,Created At",
				"v-1,Good Row,good@example.com,,frame,22.8.2025 05:02:29",
				"v-2,Bad Date,,,frame,2025-08-22",
				"v-3,Bad Channel,,,fax,22.8.2025 05:02:29",
				",No Id,,,frame,22.8.2025 05:02:29",
				"v-4,Too Few Columns",
				"v-5,Bad Email,not-an-address,,frame,22.8.2025 05:02:29",
				"v-6,\"Cut Off,"));

		JobExecution run = importing(input.toString());

		assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(names()).containsExactlyInAnyOrder("Good Row", "Bad Email");
		assertThat(contact("Good Row")).containsEntry("created_at", Instant.parse("2025-08-22T05:02:29Z"));
		assertThat(contact("Bad Email")).containsEntry("email", null);
		List<String> entries = Files.readAllLines(Path.of(finishMessage(run).replaceAll(".*see ", "").trim()));
		assertThat(entries).filteredOn(entry -> entry.contains("\"kind\":\"rejected\"")).hasSize(5);
		assertThat(String.join("\n", entries)).contains("Created At '2025-08-22' is not a date like 22.8.2025 05:02:29")
			.contains("unknown channel 'fax'")
			.contains("ID is empty")
			.contains("does not have the header's 6 columns")
			.contains("\"kind\":\"warning\"").contains("not an address like jane@example.com")
			.contains("\"line\":3");
	}

	@Test
	void countsAndPassesOverWhatNoAdapterImports() throws IOException {
		Path input = write("telegram.json", List.of("""
				[{"update_id": 1, "callback_query": {"id": "77", "from": {"id": 5, "is_bot": false, "first_name": "A"},
				  "data": "pricing"}},
				 {"update_id": 2, "message": {"message_id": 3, "date": 1755860400, "text": "Hi",
				  "from": {"id": 5, "is_bot": false, "first_name": "Ann"}, "chat": {"id": 5, "type": "private"}}}]"""));

		JobExecution run = importing(input.toString());

		assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(names()).containsExactly("Ann");
		assertThat(step(run, "stageCaptures").getExitStatus().getExitDescription())
			.contains("passed over event types not imported: telegram: callback_query ×1");
	}

	@Test
	void failsPastTheSkipLimitAndSaysWhereTheReportIs() throws IOException {
		Path input = write("bad.jsonl", List.of("{bad 1", "{bad 2", "{bad 3"));

		JobExecution run = jobs.run("capture-import", Map.of("input", input.toString(), "skipLimit", "1"));

		assertThat(run.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(step(run, "stageCaptures").getExitStatus().getExitDescription())
			.contains("rejected records reported so far: see")
			.contains("capture-import-" + run.getJobInstanceId() + "-rejects.jsonl");
	}

	@Test
	void resumesAfterAFailedMergeAndEndsAsAnUninterruptedRunWould() throws IOException {
		importing("samples");
		List<String> uninterrupted = snapshot();
		store.clear();
		history.clearHistory();
		store.jdbc().sql("""
				create or replace function test_fail_messages() returns trigger language plpgsql as $$
				begin raise exception 'simulated crash during the merge'; end $$""").update();
		store.jdbc().sql("create trigger test_fail_messages before insert on message "
				+ "for each statement execute function test_fail_messages()").update();

		JobExecution failed = importing("samples");
		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(store.count("contact")).isZero();

		store.jdbc().sql("drop trigger test_fail_messages on message").update();
		JobExecution resumed = importing("samples");

		assertThat(resumed.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(resumed.getJobInstanceId()).isEqualTo(failed.getJobInstanceId());
		assertThat(snapshotWithoutIds()).isEqualTo(withoutIds(uninterrupted));
	}

	@Test
	void drainsTheInboxThatTheApiFills() throws Exception {
		mvc.perform(post("/api/v1/captures").with(Tokens.OPERATOR.bearer())
			.contentType(MediaType.APPLICATION_JSON)
			.content(Files.readString(Path.of("samples/whatsapp-webhook.json"))))
			.andExpect(status().isAccepted())
			.andExpect(jsonPath("$.status").value("pending"));
		mvc.perform(post("/api/v1/captures?channel=frame").with(Tokens.OPERATOR.bearer())
			.contentType(MediaType.APPLICATION_JSON)
			.content("[" + event("email_collected", "v-9", "2025-08-20T10:00:00Z", "\"email\":\"broken\"") + "]"))
			.andExpect(status().isAccepted());

		JobExecution run = jobs.run("capture-import", Map.of());

		assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		// The widget visitor whose email is broken is imported without it.
		assertThat(names()).containsExactlyInAnyOrder("Sheena Nelson", null);
		assertThat(store.jdbc().sql("select status from capture_inbox order by id").query(String.class).list())
			.containsExactly("processed", "processed");
		assertThat(jobs.run("capture-import", Map.of()).getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(store.count("contact")).isEqualTo(2);
	}

	@Test
	void acceptsCapturesOnlyFromOperatorsAndOnlyAsJson() throws Exception {
		mvc.perform(post("/api/v1/captures").with(Tokens.VIEWER.bearer())
			.contentType(MediaType.APPLICATION_JSON).content("{}")).andExpect(status().isForbidden());
		mvc.perform(post("/api/v1/captures?channel=fax").with(Tokens.OPERATOR.bearer())
			.contentType(MediaType.APPLICATION_JSON).content("{\"a\":1}")).andExpect(status().isBadRequest());
		mvc.perform(post("/api/v1/captures").with(Tokens.OPERATOR.bearer())
			.contentType(MediaType.APPLICATION_JSON).content("{cut")).andExpect(status().isBadRequest());
		assertThat(store.count("capture_inbox")).isZero();
	}

	private JobExecution importing(String input) {
		return jobs.run("capture-import", Map.of("input", input));
	}

	private static String event(String type, String visitor, String at, String fields) {
		return "{\"type\":\"" + type + "\",\"channel\":\"frame\",\"visitor\":\"" + visitor + "\",\"at\":\"" + at + "\","
				+ fields + "}";
	}

	private Path write(String name, List<String> lines) throws IOException {
		return Files.write(files.resolve(name), lines, StandardCharsets.UTF_8);
	}

	private static StepExecution step(JobExecution run, String name) {
		return run.getStepExecutions().stream().filter(step -> step.getStepName().equals(name)).findFirst().orElseThrow();
	}

	private static String finishMessage(JobExecution run) {
		return step(run, "finishCaptures").getExitStatus().getExitDescription();
	}

	private List<String> names() {
		return store.jdbc().sql("select name from contact order by id").query((rs, row) -> rs.getString(1)).list();
	}

	/** The contact's row, its times as instants. */
	private Map<String, Object> contact(String name) {
		Map<String, Object> row = new java.util.HashMap<>(store.jdbc()
			.sql("select id, email, channel, phone_e164, created_at, last_activity_at from contact where name = :name")
			.param("name", name)
			.query()
			.singleRow());
		row.replaceAll((column, value) -> value instanceof java.sql.Timestamp time ? time.toInstant() : value);
		return row;
	}

	private List<Map<String, Object>> conversationsOf(String name) {
		return store.jdbc().sql("""
				select v.status, v.message_count, v.visitor_message_count, v.first_response_seconds
				from conversation v join contact c on c.id = v.contact_id where c.name = :name""")
			.param("name", name)
			.query()
			.listOfRows();
	}

	private List<String> identitiesOf(String name) {
		return store.jdbc().sql("""
				select i.channel || ':' || i.external_id from contact_identity i join contact c on c.id = i.contact_id
				where c.name = :name""").param("name", name).query(String.class).list();
	}

	/** Every row of the store's tables as text, in a stable order. */
	private List<String> snapshot() {
		List<String> rows = new ArrayList<>();
		for (String table : List.of("contact", "contact_identity", "conversation", "message")) {
			rows.addAll(store.jdbc().sql("select '" + table + "' || ': ' || t::text from " + table + " t order by 1")
				.query(String.class).list());
		}
		return rows;
	}

	private List<String> snapshotWithoutIds() {
		return withoutIds(snapshot());
	}

	/** Ids and the update time depend on how often sequences were used, not on what was imported. */
	private static List<String> withoutIds(List<String> rows) {
		return rows.stream().map(row -> row.replaceAll("\\(\\d+,", "(#,").replaceAll(",\\d+,", ",#,")
			.replaceAll("\"?\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d+\\+00\"?", "T")).sorted().toList();
	}
}
