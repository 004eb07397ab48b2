package io.contactsync.crm;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.contactsync.jobs.JobStarter;
import io.contactsync.retention.ErasureService;
import io.contactsync.store.ContactRepository;
import io.contactsync.support.ContactSyncTest;
import io.contactsync.support.CrmPushFixture;
import io.contactsync.support.StoreFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * An opt-out reaches HubSpot's subscription preferences, through the shipped mappings/hubspot.yml with its
 * subscriptions example uncommented, as a user would: a context of its own, whose mappings directory holds that
 * file, on a database of its own.
 */
@ContactSyncTest
class HubSpotSubscriptionTests {

	private static final String STATUSES = "/communication-preferences/v4/statuses/batch/write";

	private static final long MARKETING = 12345678L;

	private static final Path MAPPINGS = Path.of("target/test-mappings-subscriptions");

	private static final HubSpotStub hubspot = new HubSpotStub();

	@RegisterExtension
	static final CrmStubServer hubspotServer = new CrmStubServer(hubspot);

	@Autowired
	StoreFixture store;

	@Autowired
	CrmPushFixture pushes;

	@Autowired
	JobStarter jobs;

	@Autowired
	ContactRepository contacts;

	@Autowired
	ErasureService erasures;

	@Autowired
	CrmMappings mappings;

	@Autowired
	Map<CrmTarget, CrmConnector> connectors;

	@Autowired
	MappingSchemaCheck schemaCheck;

	@DynamicPropertySource
	static void mappingsWithSubscriptions(DynamicPropertyRegistry properties) {
		try {
			Files.createDirectories(MAPPINGS);
			Files.writeString(MAPPINGS.resolve("hubspot.yml"), MappingSubscriptionsReaderTests.shippedWithSubscriptions());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		properties.add("contactsync.mappings-directory", MAPPINGS::toString);
		properties.add("contactsync.embedded-database.data-directory", () -> "target/test-postgres-subscriptions");
		properties.add("contactsync.scheduler.enabled", () -> "false");
	}

	@BeforeEach
	void stubAndAnEmptyStore() {
		hubspotServer.hubspotCredentials();
		hubspotServer.answer(post(urlPathEqualTo("/crm/v3/objects/contacts/batch/upsert")),
				post(urlPathEqualTo("/crm/v3/objects/contacts/batch/update")),
				post(urlPathEqualTo("/crm/v3/objects/contacts/gdpr-delete")), post(urlPathEqualTo(STATUSES)));
		hubspot.clear();
		store.clear();
	}

	@Test
	void anOptOutSetsNotSubscribedAndTheRecordFollows() {
		long id = consenting("Ada Lovelace", "Ada@Example.com");
		assertThat(CrmPushFixture.said(pushes.push("hubspot"), "pushContacts")).contains("1 created");
		// optIn: false: a consent from the chat subscribes nobody.
		hubspotServer.verify(0, postRequestedFor(urlPathEqualTo(STATUSES)));

		contacts.setConsent(id, false, "widget", Instant.parse("2026-12-01T10:00:00Z"));
		JobExecution run = pushes.push("hubspot");

		assertThat(CrmPushFixture.said(run, "pushContacts")).contains("0 created, 1 updated, 0 unchanged, 0 failed");
		hubspotServer.verify(1, postRequestedFor(urlPathEqualTo(STATUSES))
			.withRequestBody(matchingJsonPath("$.inputs[0].subscriberIdString", equalTo("ada@example.com")))
			.withRequestBody(matchingJsonPath("$.inputs[0].statusState", equalTo("NOT_SUBSCRIBED")))
			.withRequestBody(matchingJsonPath("$.inputs[0].legalBasis", equalTo("CONSENT_WITH_NOTICE")))
			.withRequestBody(matchingJsonPath("$.inputs[0].channel", equalTo("EMAIL"))));
		assertThat(hubspot.statuses("ada@example.com")).containsExactly(Map.entry(MARKETING, "NOT_SUBSCRIBED"));
		assertThat(hubspot.records()).containsKey("ada@example.com");

		assertThat(CrmPushFixture.said(pushes.push("hubspot"), "pushContacts")).contains("0 created, 0 updated");
		hubspotServer.verify(1, postRequestedFor(urlPathEqualTo(STATUSES)));
	}

	/** A dry run writes the status write that would follow the record, and counts its request. */
	@Test
	void aDryRunShowsTheStatusWriteAfterTheRecord() throws IOException {
		long id = consenting("Barbara Liskov", "barbara@example.com");
		pushes.push("hubspot");
		contacts.setConsent(id, false, "widget", Instant.parse("2026-12-01T10:00:00Z"));

		JobExecution run = jobs.run("crm-push", Map.of("target", "hubspot", "dryRun", "true"));

		String said = CrmPushFixture.said(run, "pushContacts");
		assertThat(said).contains("dry run: 1 records not sent (2 requests)");
		Path report = Path.of(said.substring(said.indexOf("their exact bodies in ") + 22).trim());
		assertThat(Files.readAllLines(report)).anySatisfy(line -> assertThat(line).contains("\"followUp\":")
			.contains("\"subscriberIdString\":\"barbara@example.com\"").contains("\"statusState\":\"NOT_SUBSCRIBED\""));
		hubspotServer.verify(0, postRequestedFor(urlPathEqualTo(STATUSES)));
	}

	/**
	 * A status HubSpot refuses (a subscription type the portal lacks) fails the record, keeping its HubSpot id, so
	 * the next push sends both again; the record itself was written.
	 */
	@Test
	void aStatusHubSpotRefusesFailsTheRecordWithItsReason() {
		CrmMapping unknownType = withSubscriptions(new CrmMapping.Subscriptions(List.of(999L), "CONSENT_WITH_NOTICE",
				"Asked in the chat", false, 26));

		List<PushResult> results = connectors.get(CrmTarget.HUBSPOT).upsert(unknownType,
				List.of(record(7, "alan@example.com", "NOT_SUBSCRIBED")));

		PushResult result = results.get(0);
		assertThat(result.outcome()).isEqualTo(PushResult.Outcome.FAILED);
		assertThat(result.errorCode()).isEqualTo("SUBSCRIPTION_STATUS_NOT_WRITTEN");
		assertThat(result.message()).contains("Subscription id 999 does not exist in this portal");
		assertThat(result.crmId()).isEqualTo(hubspot.id("alan@example.com"));
		assertThat(hubspot.statuses("alan@example.com")).isEmpty();
	}

	/** Before any data moves: a subscription type the portal lacks is named at its line, with the portal's types. */
	@Test
	void theOnlineCheckHoldsTheSubscriptionTypesAgainstThePortal() {
		CrmMapping shipped = mappings.byName("hubspot").orElseThrow();
		CrmMapping unknownType = withSubscriptions(new CrmMapping.Subscriptions(List.of(12345678L, 999L),
				"CONSENT_WITH_NOTICE", "Asked in the chat", false, shipped.options().subscriptions().line()));

		assertThat(schemaCheck.check(shipped).outcome()).isEqualTo(MappingSchemaCheck.Outcome.VALID);
		MappingSchemaCheck.Verdict verdict = schemaCheck.check(unknownType);

		assertThat(verdict.outcome()).isEqualTo(MappingSchemaCheck.Outcome.INVALID);
		assertThat(verdict.problems()).map(Object::toString).containsExactly(shipped.file() + ":"
				+ shipped.options().subscriptions().line() + ": HubSpot has no subscription type 999; its types are"
				+ " 12345678 (Marketing information), 12345679 (Customer service): list one of their ids");
	}

	@Test
	void anErasureLeavesNeitherRecordNorStatus() {
		long id = consenting("Kurt Gödel", "kurt@example.com");
		pushes.push("hubspot");
		contacts.setConsent(id, false, "widget", Instant.parse("2026-12-01T10:00:00Z"));
		pushes.push("hubspot");
		assertThat(hubspot.statuses("kurt@example.com")).isNotEmpty();

		erasures.request(id, 0, "admin");
		jobs.run("nightly-sync", Map.of("crm-push.target", "hubspot"));

		assertThat(hubspot.records()).isEmpty();
		assertThat(hubspot.statuses("kurt@example.com")).isEmpty();
	}

	private long consenting(String name, String email) {
		long id = store.contact().name(name).email(email).insert();
		contacts.setConsent(id, true, "widget", Instant.parse("2026-11-01T10:00:00Z"));
		return id;
	}

	private static CrmRecord record(long contactId, String email, String status) {
		return new CrmRecord(contactId, email, Map.of("email", email, "lastname", "Visitor"), "h" + contactId, null,
				List.of(), status);
	}

	private CrmMapping withSubscriptions(CrmMapping.Subscriptions subscriptions) {
		CrmMapping mapping = mappings.byName("hubspot").orElseThrow();
		CrmMapping.Options options = mapping.options();
		return new CrmMapping(mapping.name(), mapping.file(), mapping.target(), mapping.object(), mapping.matchKey(),
				mapping.scope(), mapping.fields(), mapping.batchSize(), mapping.rateLimit(), mapping.credentials(),
				mapping.deleteMode(), new CrmMapping.Options(options.apiVersion(), options.onMissing(),
						options.convertedLeads(), options.onLeaveScope(), subscriptions));
	}
}
