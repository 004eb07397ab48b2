package io.contactsync.crm;

import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import io.contactsync.support.ApplicationTest;
import io.contactsync.support.CrmPushFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.batch.core.job.JobExecution;

/** Through the shipped mappings/zoho.yml: each chat a Note on the Zoho Lead, once, updated, gone with the contact. */
class ZohoActivitiesTests extends ApplicationTest {

	private static final Instant MORNING = Instant.parse("2026-12-03T09:15:00Z");

	private static final ZohoStub zoho = new ZohoStub();

	@RegisterExtension
	static final CrmStubServer server = new CrmStubServer(zoho);

	@BeforeEach
	void credentialsAndAnEmptyStore() {
		server.zohoCredentials();
		server.answer(post(urlPathEqualTo("/oauth/v2/token")), post(urlPathMatching("/crm/v8/.*")),
				put(urlPathMatching("/crm/v8/.*")), delete(urlPathMatching("/crm/v8/.*")));
		zoho.clear();
		store.clear();
		history.clearHistory();
	}

	@Test
	void aClosedChatBecomesANoteOnTheLeadAndGoesOnce() {
		long ada = store.contact().name("Ada Lovelace").email("ada@example.com").channel("messenger").insert();
		store.conversation(ada, "closed", MORNING, "Is the shop open on Sunday?", "From 10 to 16.");

		JobExecution run = pushes.push("zoho");

		assertThat(CrmPushFixture.said(run, "pushActivities")).startsWith("1 activities created, 0 updated");
		assertThat(zoho.notes().values()).singleElement().satisfies(note -> {
			assertThat(note.parentId()).isEqualTo(zoho.id("ada@example.com"));
			assertThat(note.fields()).containsEntry("Note_Title",
					"Chat with Sales assistant on Facebook Messenger, 2026-12-03 09:15 UTC");
			assertThat(note.fields().get("Note_Content")).contains("[09:15] Visitor: Is the shop open on Sunday?");
		});

		server.resetRequests();
		pushes.push("zoho");
		server.verify(0, postRequestedFor(urlPathEqualTo("/crm/v8/Notes")));
	}

	@Test
	void credentialsThatCannotWriteNotesFailTheCheckAndSendNothing() {
		zoho.noteSchema().put(StubSchema.Field.text("Note_Content").typed("textarea").readOnly());
		long ada = store.contact().name("Ada Lovelace").email("ada@example.com").insert();
		store.conversation(ada, "closed", MORNING, "Hello", "Hi");

		JobExecution run = pushes.push("zoho");

		assertThat(CrmPushFixture.said(run, "checkSchemas")).contains("zoho: nothing sent")
			.contains("activities: Zoho will not let these credentials set Note_Content on a note; give them write"
					+ " access to it, or remove activities");
		assertThat(zoho.notes()).isEmpty();
		assertThat(zoho.records()).isEmpty();
	}

	@Test
	void aChatThatGainsMessagesUpdatesItsNote() {
		long ada = store.contact().name("Ada Lovelace").email("ada@example.com").insert();
		long chat = store.conversation(ada, "closed", MORNING, "Price?", "40 EUR.");
		pushes.push("zoho");
		String noteId = zoho.notes().keySet().iterator().next();
		store.message(chat, "visitor", "Ok, thanks", Instant.parse("2026-12-03T09:20:00Z"));

		JobExecution run = pushes.push("zoho");

		assertThat(CrmPushFixture.said(run, "pushActivities")).startsWith("0 activities created, 1 updated");
		assertThat(zoho.notes()).containsOnlyKeys(noteId);
		assertThat(zoho.notes().get(noteId).fields().get("Note_Content")).contains("[09:20] Visitor: Ok, thanks");
	}

	@Test
	void aDeletedContactsNotesAreDeletedAndRemovedFromTheBin() {
		long ada = store.contact().name("Ada Lovelace").email("ada@example.com").insert();
		store.conversation(ada, "closed", MORNING, "Hello", "Hi Ada");
		pushes.push("zoho");
		String noteId = zoho.notes().keySet().iterator().next();

		store.jdbc().sql("delete from contact where id = :id").param("id", ada).update();
		JobExecution run = pushes.push("zoho");

		assertThat(CrmPushFixture.said(run, "pushActivities")).contains("1 deleted, 0 failed");
		assertThat(zoho.notes()).isEmpty();
		assertThat(zoho.recycleBin().emptied(noteId)).isTrue();
	}
}
