package io.contactsync.crm;

import static com.github.tomakehurst.wiremock.client.WireMock.matchingXPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;


import io.contactsync.support.ApplicationTest;
import io.contactsync.support.CrmPushFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

/**
 * The shipped mappings/salesforce.yml against an org: describeSObject first, what sales typed kept, cleared values
 * sent as fieldsToNull, and a Lead sales converted reported once and then left to them.
 */
class SalesforceSyncTests extends ApplicationTest {

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
	void aRestrictedLeadSourceWithoutChatbotFailsTheCheckAndNoLeadIsSent() {
		salesforce.schema().put(StubSchema.Field.picklist("LeadSource", "picklist", "Web", "Other"));
		pushes.visitors(2);

		JobExecution run = pushes.push("salesforce");

		assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(CrmPushFixture.said(run, "checkSchemas")).contains("salesforce: nothing sent")
			.containsPattern("mappings/salesforce\\.yml:\\d+: 'Chatbot' is not an option of LeadSource "
					+ "\\(INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST\\); its options are Web, Other");
		server.verify(0, postRequestedFor(urlPathEqualTo(SalesforceStub.SOAP_PATH))
			.withRequestBody(matchingXPath("//*[local-name()='upsert']")));
		assertThat(salesforce.records()).isEmpty();
	}

	@Test
	void anExternalIdThatIsNotAnIdLookupFailsTheCheck() {
		salesforce.schema().put(StubSchema.Field.text("Contact_Sync_Id__c"));
		pushes.visitors(1);

		JobExecution run = pushes.push("salesforce");

		assertThat(CrmPushFixture.said(run, "checkSchemas")).contains("Contact_Sync_Id__c cannot identify a record in "
				+ "Salesforce: make it an External ID (externalId and idLookup)");
		assertThat(salesforce.records()).isEmpty();
	}

	@Test
	void keepsTheLastNameSalesTypedAndClearsAPhoneWithFieldsToNull() {
		long id = store.contact().name(null).email("anon@example.com").phone("+44 20 7946 0958").insert();
		pushes.push("salesforce");
		String key = Long.toString(id);
		assertThat(salesforce.records().get(key)).containsEntry("LastName", "Unknown").containsEntry("Phone",
				"+442079460958");
		salesforce.editInCrm(key, "LastName", "Okafor");
		store.jdbc().sql("update contact set phone = null, phone_e164 = null where id = :id").param("id", id).update();

		JobExecution run = pushes.push("salesforce");

		assertThat(CrmPushFixture.said(run, "pushContacts")).contains("0 created, 1 updated");
		server.verify(1, postRequestedFor(urlPathEqualTo(SalesforceStub.SOAP_PATH))
			.withRequestBody(matchingXPath("//*[local-name()='sObjects']/*[local-name()='fieldsToNull'][text()='Phone']")));
		assertThat(salesforce.records().get(key)).containsEntry("LastName", "Okafor").doesNotContainKey("Phone");
	}

	@Test
	void aLeadSalesConvertedIsReportedOnceAndThenLeftToThem() {
		long id = store.contact().name("Ada Byron").email("ada@example.com").insert();
		pushes.push("salesforce");
		salesforce.convert(Long.toString(id));
		store.jdbc().sql("update contact set name = 'Ada Lovelace' where id = :id").param("id", id).update();

		JobExecution run = pushes.push("salesforce");

		assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(store.jdbc().sql("select status || ' ' || last_error from crm_link where contact_id = :id")
			.param("id", id).query(String.class).single())
			.isEqualTo("converted CANNOT_UPDATE_CONVERTED_LEAD: cannot reference converted lead");

		store.jdbc().sql("update contact set name = 'Ada King' where id = :id").param("id", id).update();
		JobExecution next = pushes.push("salesforce");
		assertThat(CrmPushFixture.said(next, "pushContacts")).contains("0 failed, in 0 requests");
		assertThat(salesforce.records().get(Long.toString(id))).containsEntry("LastName", "Byron");
	}
}
