package io.contactsync.crm;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.Map;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.contactsync.crm.HubSpotEngagements.Engagement;
import io.contactsync.support.ApplicationTest;
import io.contactsync.support.CrmPushFixture;
import io.contactsync.support.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.http.MediaType;

/**
 * What a salesperson opening the HubSpot record the morning after a chat sees, through the shipped
 * mappings/hubspot.yml: the chat as a note on the contact's timeline, once, kept up to date, gone with an erased
 * contact, and moved with a merge.
 */
class HubSpotActivitiesTests extends ApplicationTest {

	private static final String NOTES = "/crm/v3/objects/notes/batch/create";

	private static final Instant MORNING = Instant.parse("2026-12-03T09:15:00Z");

	private static final HubSpotStub hubspot = new HubSpotStub();

	@RegisterExtension
	static final CrmStubServer server = new CrmStubServer(hubspot);

	@BeforeEach
	void credentialsAndAnEmptyStore() {
		server.hubspotCredentials();
		server.answer(WireMock.post(urlPathMatching("/crm/v3/objects/.*")));
		hubspot.clear();
		store.clear();
		history.clearHistory();
	}

	@Test
	void aClosedChatBecomesOneNoteOnTheContactsRecord() {
		long ada = store.contact().name("Ada Lovelace").email("ada@example.com").channel("telegram").insert();
		store.conversation(ada, "closed", MORNING, "Do you ship to Oslo? <b>asap</b> & cheap", "We do, in 3 days.",
				"Great, ordering now");
		store.conversation(ada, "open", MORNING.plusSeconds(3600), "Still there?", "Yes");
		store.conversation(ada, "closed", MORNING.plusSeconds(7200), "hi");

		JobExecution run = pushes.push("hubspot");

		assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(CrmPushFixture.said(run, "pushActivities")).startsWith("1 activities created, 0 updated");
		assertThat(hubspot.engagements()).hasSize(1);
		Engagement note = hubspot.engagements().values().iterator().next();
		assertThat(note.object()).isEqualTo("notes");
		assertThat(note.contacts()).containsExactly(hubspot.id("ada@example.com"));
		assertThat(note.properties()).containsEntry("hs_timestamp", "2026-12-03T09:15:00Z");
		assertThat(note.properties().get("hs_note_body"))
			.startsWith("<p><strong>Chat with Sales assistant on Telegram, 2026-12-03 09:15 UTC</strong></p>")
			.contains("3 messages")
			.contains("<p>[09:15] <strong>Visitor</strong>: Do you ship to Oslo? &lt;b&gt;asap&lt;/b&gt; &amp; cheap</p>")
			.contains("[09:16] <strong>Sales assistant</strong>: We do, in 3 days.");

		server.resetRequests();
		JobExecution again = pushes.push("hubspot");

		assertThat(CrmPushFixture.said(again, "pushActivities")).startsWith("0 activities created, 0 updated, 0 moved,"
				+ " 0 deleted, 0 failed, in 0 requests");
		server.verify(0, postRequestedFor(urlPathMatching("/crm/v3/objects/notes/.*")));
		assertThat(hubspot.engagements()).hasSize(1);
	}

	@Test
	void aCapturedChatReachesTheRightRecordAsANoteAfterTheNightlySync() throws Exception {
		capture(String.join(",", event("conversation_started", "501", "10:00:00", ""),
				event("message", "501", "10:00:05", ",\"sender\":\"visitor\",\"text\":\"Do you deliver to Bergen?\",\"id\":\"a1\""),
				event("message", "501", "10:00:09", ",\"sender\":\"bot\",\"text\":\"Yes, in two days.\",\"id\":\"a2\""),
				event("form_submitted", "501", "10:01:00", ",\"name\":\"Ann Hansen\",\"email\":\"ann@example.com\""),
				event("conversation_closed", "501", "10:02:00", "")));
		capture(String.join(",", event("conversation_started", "502", "11:00:00", ""),
				event("message", "502", "11:00:05", ",\"sender\":\"visitor\",\"text\":\"Still thinking\",\"id\":\"b1\""),
				event("message", "502", "11:00:09", ",\"sender\":\"bot\",\"text\":\"Take your time.\",\"id\":\"b2\""),
				event("form_submitted", "502", "11:01:00", ",\"name\":\"Bo Berg\",\"email\":\"bo@example.com\"")));

		JobExecution night = jobs.run("nightly-sync", Map.of("crm-push.target", "hubspot"));

		assertThat(night.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(hubspot.records()).containsOnlyKeys("ann@example.com", "bo@example.com");
		assertThat(hubspot.engagements().values()).singleElement().satisfies(note -> {
			assertThat(note.contacts()).containsExactly(hubspot.id("ann@example.com"));
			assertThat(note.properties().get("hs_note_body")).contains("on Telegram, 2025-08-20 10:00 UTC")
				.contains("[10:00] <strong>Visitor</strong>: Do you deliver to Bergen?")
				.doesNotContain("Still thinking");
		});
	}

	private void capture(String events) throws Exception {
		mvc.perform(post("/api/v1/captures?channel=telegram").with(Tokens.OPERATOR.bearer())
			.contentType(MediaType.APPLICATION_JSON).content("[" + events + "]")).andExpect(status().isAccepted());
	}

	private static String event(String type, String visitor, String time, String fields) {
		return "{\"type\":\"" + type + "\",\"channel\":\"telegram\",\"visitor\":\"" + visitor
				+ "\",\"conversation\":\"c-" + visitor + "\",\"at\":\"2025-08-20T" + time + "Z\"" + fields + "}";
	}

	@Test
	void aPortalWithoutNotePropertiesForTheTokenFailsTheCheck() {
		hubspot.engagementSchema("notes").remove("hs_note_body");
		store.contact().name("Ada Lovelace").email("ada@example.com").insert();

		JobExecution run = pushes.push("hubspot");

		assertThat(CrmPushFixture.said(run, "checkSchemas")).contains("hubspot: nothing sent")
			.contains("activities: HubSpot has no field hs_note_body on its notes for these credentials; give them"
					+ " access to notes, or remove activities");
		assertThat(hubspot.records()).isEmpty();
	}

	@Test
	void aChatThatGainsMessagesUpdatesItsNote() {
		long ada = store.contact().name("Ada Lovelace").email("ada@example.com").insert();
		long chat = store.conversation(ada, "closed", MORNING, "Price of the blue one?", "It is 40 EUR.");
		pushes.push("hubspot");
		String noteId = hubspot.engagements().keySet().iterator().next();
		store.message(chat, "visitor", "And the red one?", Instant.parse("2026-12-03T10:00:00Z"));

		JobExecution run = pushes.push("hubspot");

		assertThat(CrmPushFixture.said(run, "pushActivities")).startsWith("0 activities created, 1 updated");
		server.verify(1, postRequestedFor(urlPathEqualTo("/crm/v3/objects/notes/batch/update")));
		assertThat(hubspot.engagements()).containsOnlyKeys(noteId);
		assertThat(hubspot.engagements().get(noteId).properties().get("hs_note_body")).contains("And the red one?");
	}

	@Test
	void aDeletedContactsNotesAreDeletedWithItsRecord() {
		long ada = store.contact().name("Ada Lovelace").email("ada@example.com").insert();
		long bob = store.contact().name("Bob Keeper").email("bob@example.com").insert();
		store.conversation(ada, "closed", MORNING, "Hello", "Hi Ada");
		store.conversation(bob, "closed", MORNING, "Hello", "Hi Bob");
		pushes.push("hubspot");
		assertThat(hubspot.engagements()).hasSize(2);

		store.jdbc().sql("delete from contact where id = :id").param("id", ada).update();
		JobExecution run = pushes.push("hubspot");

		assertThat(CrmPushFixture.said(run, "pushActivities")).contains("1 deleted, 0 failed");
		assertThat(hubspot.engagements().values()).singleElement()
			.satisfies(note -> assertThat(note.contacts()).containsExactly(hubspot.id("bob@example.com")));
		assertThat(store.jdbc().sql("select status from crm_activity_link order by conversation_id")
			.query(String.class).list()).containsExactly("deleted", "synced");
	}

	@Test
	void aDeletedContactsChatWhoseNoteWasNeverCreatedIsClosedWithoutARequest() {
		long ada = store.contact().name("Ada Lovelace").email("ada@example.com").insert();
		long chat = store.conversation(ada, "closed", MORNING, "Hello", "Hi Ada");
		store.jdbc().sql("""
				insert into crm_activity_link (conversation_id, target, contact_id, kind, status, last_error, attempts)
				values (:chat, 'hubspot', :ada, 'note', 'failed', 'VALIDATION_ERROR: refused', 1)""")
			.param("chat", chat).param("ada", ada).update();
		store.jdbc().sql("delete from contact where id = :id").param("id", ada).update();

		JobExecution run = pushes.push("hubspot");

		assertThat(CrmPushFixture.said(run, "pushActivities")).contains("0 deleted, 0 failed, in 0 requests");
		server.verify(0, postRequestedFor(urlPathMatching("/crm/v3/objects/notes/.*")));
		assertThat(store.jdbc().sql("select status from crm_activity_link").query(String.class).single())
			.isEqualTo("deleted");
	}

	@Test
	void aChatMovedToAnotherContactMovesItsNoteToThatRecord() {
		long ada = store.contact().name("Ada Lovelace").email("ada@example.com").insert();
		long adaAgain = store.contact().name("Ada L.").email("ada.l@example.com").insert();
		long chat = store.conversation(adaAgain, "closed", MORNING, "Hello again", "Welcome back");
		pushes.push("hubspot");

		// What a merge does in the store: the merged-away contact's conversations go to the survivor.
		store.jdbc().sql("update conversation set contact_id = :ada where id = :id").param("ada", ada)
			.param("id", chat).update();
		JobExecution run = pushes.push("hubspot");

		assertThat(CrmPushFixture.said(run, "pushActivities")).startsWith("1 activities created, 0 updated, 1 moved");
		assertThat(hubspot.engagements().values()).singleElement()
			.satisfies(note -> assertThat(note.contacts()).containsExactly(hubspot.id("ada@example.com")));
	}

	@Test
	void aChatOfAContactHubSpotRefusedWaitsForItsRecord() {
		long bad = store.contact().name("No Mail").email("not-an-address@x").insert();
		store.conversation(bad, "closed", MORNING, "Hello", "Hi");

		JobExecution run = pushes.push("hubspot");

		assertThat(CrmPushFixture.said(run, "pushActivities")).startsWith("0 activities created")
			.endsWith("in 0 requests; 1 chat waits for their contact's record");
		assertThat(hubspot.engagements()).isEmpty();
		server.verify(0, postRequestedFor(urlPathEqualTo(NOTES)));
	}

	@Test
	void aDryRunWritesTheNotesItWouldCreateAndSendsNone() throws Exception {
		long ada = store.contact().name("Ada Lovelace").email("ada@example.com").insert();
		pushes.push("hubspot");
		store.conversation(ada, "closed", MORNING, "Hello", "Hi Ada");
		server.resetRequests();

		JobExecution run = jobs.run("crm-push", Map.of("target", "hubspot", "dryRun", "true"));

		String said = CrmPushFixture.said(run, "pushActivities");
		assertThat(said).contains("dry run: 1 activities not pushed");
		String report = java.nio.file.Files.readString(java.nio.file.Path.of(said.replaceAll(".* requests in ", "")));
		assertThat(report).contains("\"activities\":{\"inputs\":[{\"objectWriteTraceId\"")
			.contains("\"associationTypeId\":202").contains("\"to\":{\"id\":\"" + hubspot.id("ada@example.com") + "\"}");
		server.verify(0, postRequestedFor(urlPathMatching("/crm/v3/objects/notes/.*")));
	}
}
