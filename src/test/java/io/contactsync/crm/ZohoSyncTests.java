package io.contactsync.crm;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;


import io.contactsync.support.ApplicationTest;
import io.contactsync.support.CrmPushFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.batch.core.job.JobExecution;

/** The shipped mappings/zoho.yml against a Zoho module: fields checked first, records updated by their Zoho id. */
class ZohoSyncTests extends ApplicationTest {

	private static final String LEADS = "/crm/v8/Leads";

	private static final ZohoStub zoho = new ZohoStub();


	@RegisterExtension
	static final CrmStubServer server = new CrmStubServer(zoho);

	@BeforeEach
	void credentialsAndAnEmptyStore() {
		server.zohoCredentials();
		server.answer(post(urlPathEqualTo("/oauth/v2/token")), post(urlPathEqualTo(LEADS + "/upsert")),
				put(urlPathEqualTo(LEADS)));
		zoho.clear();
		store.clear();
		history.clearHistory();
	}

	@Test
	void aLeadStatusOptionTheModuleLacksFailsTheCheck() {
		zoho.schema().put(StubSchema.Field.picklist("Lead_Status", "picklist", "-None-", "Contacted", "Junk Lead"));
		pushes.visitors(2);

		JobExecution run = pushes.push("zoho");

		assertThat(CrmPushFixture.said(run, "checkSchemas")).contains("zoho: nothing sent")
			.containsPattern("mappings/zoho\\.yml:\\d+: 'Not Contacted' is not an option of Lead_Status \\(INVALID_DATA\\)");
		server.verify(0, postRequestedFor(urlPathEqualTo(LEADS + "/upsert")));
	}

	@Test
	void aChangedEmailUpdatesTheSameRecordByItsIdAndClearsWithNull() {
		long id = store.contact().name("Kai Moana").email("kai@example.com").phone("+44 20 7946 0958").insert();
		pushes.push("zoho");
		String zohoId = zoho.id("kai@example.com");
		store.jdbc().sql("update contact set email = 'kai.moana@example.com', phone = null, phone_e164 = null "
				+ "where id = :id").param("id", id).update();

		JobExecution run = pushes.push("zoho");

		assertThat(CrmPushFixture.said(run, "pushContacts")).contains("0 created, 1 updated, 0 unchanged, 0 failed");
		server.verify(1, putRequestedFor(urlPathEqualTo(LEADS))
			.withRequestBody(matchingJsonPath("$.data[0].id", equalTo(zohoId)))
			.withRequestBody(containing("\"Phone\":null")));
		assertThat(zoho.records()).hasSize(1).containsKey("kai.moana@example.com");
		assertThat(zoho.records().get("kai.moana@example.com")).doesNotContainKey("Phone");
		assertThat(zoho.id("kai.moana@example.com")).isEqualTo(zohoId);
	}

	@Test
	void aRecordDeletedInZohoIsCreatedAgain() {
		pushes.visitors(1);
		pushes.push("zoho");
		zoho.deleteInCrm("visitor0@example.com");
		store.jdbc().sql("update contact set name = 'Visitor Nought'").update();

		JobExecution run = pushes.push("zoho");

		assertThat(CrmPushFixture.said(run, "pushContacts")).contains("1 created, 0 updated, 0 unchanged, 0 failed");
		assertThat(zoho.records()).containsKey("visitor0@example.com");
		assertThat(pushes.crmId("zoho", "visitor0@example.com")).isEqualTo(zoho.id("visitor0@example.com"));
	}
}
