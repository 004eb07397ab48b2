package io.contactsync.crm;

import static com.github.tomakehurst.wiremock.client.WireMock.matchingXPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.contactsync.support.ApplicationTest;
import io.contactsync.support.CrmPushFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.batch.core.job.JobExecution;

/**
 * What sales see on the Lead in Salesforce through the shipped mappings/salesforce.yml: each chat a completed Task
 * in its activity history, once, updated when the chat goes on, and gone for good with an erased contact.
 */
class SalesforceActivitiesTests extends ApplicationTest {

	private static final Instant MORNING = Instant.parse("2026-12-03T09:15:00Z");

	private static final SalesforceStub salesforce = new SalesforceStub();

	@RegisterExtension
	static final CrmStubServer server = new CrmStubServer(salesforce);

	@BeforeEach
	void credentialsAndAnEmptyStore() {
		server.salesforceCredentials();
		server.answer(post(urlPathEqualTo("/services/oauth2/token")), post(urlPathEqualTo(SalesforceStub.SOAP_PATH)));
		salesforce.clear();
		store.clear();
		history.clearHistory();
	}

	@Test
	void aClosedChatBecomesACompletedTaskOnTheLead() {
		long ada = store.contact().name("Ada Lovelace").email("ada@example.com").channel("whatsapp").insert();
		store.conversation(ada, "closed", MORNING, "Can I book a demo <Friday>?", "Yes, 10:00 works.");

		JobExecution run = pushes.push("salesforce");

		assertThat(CrmPushFixture.said(run, "pushActivities")).startsWith("1 activities created, 0 updated");
		assertThat(salesforce.tasks().values()).singleElement().satisfies(task -> assertThat(task)
			.containsEntry("WhoId", salesforce.id(Long.toString(ada)))
			.containsEntry("Subject", "Chat with Sales assistant on WhatsApp, 2026-12-03 09:15 UTC")
			.containsEntry("ActivityDate", "2026-12-03")
			.containsEntry("Status", "Completed")
			.containsEntry("Priority", "Normal")
			.hasEntrySatisfying("Description", text -> assertThat(text)
				.contains("[09:15] Visitor: Can I book a demo <Friday>?")
				.contains("[09:16] Sales assistant: Yes, 10:00 works.")));

		server.resetRequests();
		pushes.push("salesforce");
		server.verify(0, postRequestedFor(urlPathEqualTo(SalesforceStub.SOAP_PATH))
			.withRequestBody(matchingXPath("//*[local-name()='create' or local-name()='update']")));
	}

	@Test
	void anOrgWithoutACompletedTaskStatusFailsTheCheckNamingItsStatuses() throws Exception {
		salesforce.taskSchema().put(StubSchema.Field.picklist("Status", "picklist", "Open", "Done").asRequired());
		long ada = store.contact().name("Ada Lovelace").email("ada@example.com").insert();
		store.conversation(ada, "closed", MORNING, "Hello", "Hi");

		JobExecution run = pushes.push("salesforce");

		assertThat(CrmPushFixture.said(run, "checkSchemas")).contains("salesforce: nothing sent")
			.contains("mappings/salesforce.yml:" + lineOf("  conversations: closed") + ": activities: 'Completed' is"
					+ " not an option of the task's Status; its options are Open, Done (add it in Salesforce, or remove"
					+ " activities)");
		assertThat(salesforce.tasks()).isEmpty();
	}

	private static int lineOf(String text) throws java.io.IOException {
		List<String> lines = java.nio.file.Files.readAllLines(java.nio.file.Path.of("mappings/salesforce.yml"));
		return lines.indexOf(lines.stream().filter(line -> line.startsWith(text)).findFirst().orElseThrow()) + 1;
	}

	@Test
	void aChatThatGainsMessagesUpdatesItsTask() {
		long ada = store.contact().name("Ada Lovelace").email("ada@example.com").insert();
		long chat = store.conversation(ada, "closed", MORNING, "Price?", "40 EUR.");
		pushes.push("salesforce");
		String taskId = salesforce.tasks().keySet().iterator().next();
		store.message(chat, "agent", "Following up: 10% off today", Instant.parse("2026-12-03T11:00:00Z"));

		JobExecution run = pushes.push("salesforce");

		assertThat(CrmPushFixture.said(run, "pushActivities")).startsWith("0 activities created, 1 updated");
		assertThat(salesforce.tasks()).containsOnlyKeys(taskId);
		assertThat(salesforce.tasks().get(taskId).get("Description")).contains("[11:00] Agent: Following up: 10% off");
	}

	@Test
	void aDeletedContactsTasksAreDeletedAndEmptiedFromTheBin() {
		long ada = store.contact().name("Ada Lovelace").email("ada@example.com").insert();
		store.conversation(ada, "closed", MORNING, "Hello", "Hi Ada");
		pushes.push("salesforce");
		String taskId = salesforce.tasks().keySet().iterator().next();

		store.jdbc().sql("delete from contact where id = :id").param("id", ada).update();
		JobExecution run = pushes.push("salesforce");

		assertThat(CrmPushFixture.said(run, "pushActivities")).contains("1 deleted, 0 failed");
		assertThat(salesforce.tasks()).isEmpty();
		assertThat(salesforce.recycleBin().emptied(taskId)).isTrue();
	}

	@Test
	void aTaskOnALeadDeletedInSalesforceFailsInSalesforcesWords() {
		long ada = store.contact().name("Ada Lovelace").email("ada@example.com").insert();
		long bob = store.contact().name("Bob Keeper").email("bob@example.com").insert();
		store.conversation(ada, "closed", MORNING, "Hello", "Hi Ada");
		long bobs = store.conversation(bob, "closed", MORNING, "Hello", "Hi Bob");
		pushes.push("salesforce");
		assertThat(salesforce.tasks()).hasSize(2);
		// Sales deleted Bob's Lead in Salesforce: the Task cannot hang on it any more.
		salesforce.deleteInCrm(Long.toString(bob));
		store.jdbc().sql("update crm_activity_link set status = 'failed' where conversation_id = :id")
			.param("id", bobs).update();
		store.jdbc().sql("update crm_activity_link set crm_id = null where conversation_id = :id")
			.param("id", bobs).update();

		JobExecution run = pushes.push("salesforce");

		assertThat(CrmPushFixture.said(run, "pushActivities")).contains("0 activities created").contains("1 failed");
		assertThat(store.jdbc().sql("select last_error from crm_activity_link where conversation_id = :id")
			.param("id", bobs).query(String.class).single()).isEqualTo("ENTITY_IS_DELETED: entity is deleted");
	}

	@Test
	void aDryRunShowsTheCreateCall() throws Exception {
		long ada = store.contact().name("Ada Lovelace").email("ada@example.com").insert();
		pushes.push("salesforce");
		store.conversation(ada, "closed", MORNING, "Hello", "Hi");

		JobExecution run = jobs.run("crm-push", Map.of("target", "salesforce", "dryRun", "true"));

		String said = CrmPushFixture.said(run, "pushActivities");
		String report = java.nio.file.Files.readString(java.nio.file.Path.of(said.replaceAll(".* requests in ", "")));
		assertThat(report).contains("\"activities\":{\"call\":\"create\",\"sObjects\":[{\"WhoId\":\""
				+ salesforce.id(Long.toString(ada)) + "\",\"Subject\":\"Chat with Sales assistant");
	}
}
