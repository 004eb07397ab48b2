package io.contactsync.crm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.contactsync.support.ApplicationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The HubSpot connector on its own, with a mapping read from a variant of the shipped file: the API version it
 * names decides every path, and a batch HubSpot refuses whole is split under the mapping's rate limit.
 */
class HubSpotConnectorTests extends ApplicationTest {

	private static final HubSpotStub hubspot = new HubSpotStub();

	@RegisterExtension
	static final CrmStubServer server = new CrmStubServer(hubspot);

	@Autowired
	private CrmMappings mappings;

	@Autowired
	private List<CrmConnector> connectors;

	@BeforeEach
	void credentials() {
		server.hubspotCredentials();
		hubspot.clear();
	}

	@Test
	void aDateVersionedMappingReadsAndWritesOnlyThatVersionsPaths() throws Exception {
		server.answer(post(urlPathMatching("/crm/objects/2026-03/contacts/batch/(upsert|update)")));
		CrmMapping mapping = mapping("apiVersion: v3", "apiVersion: 2026-03");

		List<CrmField> fields = connector().describe(mapping);
		List<PushResult> created = connector().upsert(mapping, List.of(record(1, "ann@example.com")));
		CrmRecord update = new CrmRecord(1, "ann@example.com", Map.of("email", "ann@example.com", "lastname", "Lee"),
				"h2", created.get(0).crmId(), List.of("phone"), null);
		List<PushResult> updated = connector().upsert(mapping, List.of(update));

		assertThat(fields).extracting(CrmField::name).contains("email", "contact_sync_channel");
		assertThat(created).extracting(PushResult::outcome).containsExactly(PushResult.Outcome.CREATED);
		assertThat(updated).extracting(PushResult::outcome).containsExactly(PushResult.Outcome.UPDATED);
		server.verify(1, getRequestedFor(urlPathEqualTo("/crm/properties/2026-03/contacts")));
		server.verify(1, postRequestedFor(urlPathEqualTo("/crm/objects/2026-03/contacts/batch/upsert")));
		server.verify(1, postRequestedFor(urlPathEqualTo("/crm/objects/2026-03/contacts/batch/update"))
			.withRequestBody(matchingJsonPath("$.inputs[0].id", com.github.tomakehurst.wiremock.client.WireMock
				.equalTo(created.get(0).crmId())))
			.withRequestBody(matchingJsonPath("$.inputs[0].properties.phone",
					com.github.tomakehurst.wiremock.client.WireMock.equalTo(""))));
		server.verify(0, postRequestedFor(urlPathMatching("/crm/v3/.*")));
	}

	@Test
	void everyHalfOfABatchRefusedWholeWaitsForTheRateLimit() throws Exception {
		server.answer(post(urlPathEqualTo("/crm/v3/objects/contacts/batch/upsert")));
		// HubSpot refuses a whole batch with 400 for some errors; the bad record is found by halving it.
		server.stubFor(post(urlPathEqualTo("/crm/v3/objects/contacts/batch/upsert")).atPriority(1)
			.withRequestBody(containing("bad@example.com"))
			.willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
				.withBody("{\"status\":\"error\",\"message\":\"Invalid input JSON on line 1\",\"category\":\"VALIDATION_ERROR\"}")));
		CrmMapping mapping = mapping("rateLimit: {requests: 90, perSeconds: 10, perDay: 250000}", "rateLimit: {requests: 2, perSeconds: 1}");

		List<PushResult> results = connector().upsert(mapping, List.of(record(1, "bad@example.com"),
				record(2, "b@example.com"), record(3, "c@example.com"), record(4, "d@example.com")));

		assertThat(results).extracting(PushResult::outcome).containsExactlyInAnyOrder(PushResult.Outcome.FAILED,
				PushResult.Outcome.CREATED, PushResult.Outcome.CREATED, PushResult.Outcome.CREATED);
		// The whole batch, its two halves, and the first half's two quarters: five requests.
		List<Instant> sent = server.getAllServeEvents().stream().map(ServeEvent::getRequest)
			.map(request -> request.getLoggedDate().toInstant()).sorted().toList();
		assertThat(sent).hasSize(5);
		// Never a third request within one second of the one two before it. The first request opens the
		// connection and reaches the stub later than its slot, so the count starts from the second.
		for (int i = 3; i < sent.size(); i++) {
			assertThat(java.time.Duration.between(sent.get(i - 2), sent.get(i)).toMillis())
				.as("request %d after request %d", i + 1, i - 1).isGreaterThanOrEqualTo(950);
		}
	}

	@Test
	void aPortalStatingAStricterLimitThanTheMappingsIsPacedToIt() throws Exception {
		// A Starter portal's answer to a mapping written for 50 requests a second: HubSpot says 2 a second.
		server.stubFor(post(urlPathEqualTo("/crm/v3/objects/contacts/batch/upsert"))
			.willReturn(aResponse().withHeader("Content-Type", "application/json")
				.withHeader("X-HubSpot-RateLimit-Max", "2")
				.withHeader("X-HubSpot-RateLimit-Interval-Milliseconds", "1000")
				.withBody("{\"status\":\"COMPLETE\",\"results\":[{\"id\":\"501\",\"new\":true,"
						+ "\"properties\":{\"email\":\"ann@example.com\"}}]}")));
		CrmMapping mapping = mapping("rateLimit: {requests: 90, perSeconds: 10, perDay: 250000}", "rateLimit: {requests: 50, perSeconds: 1}");

		for (int request = 0; request < 4; request++) {
			assertThat(connector().upsert(mapping, List.of(record(1, "ann@example.com"))))
				.extracting(PushResult::outcome).containsExactly(PushResult.Outcome.CREATED);
		}

		// After the first answer, one request every half second instead of every 20 ms.
		List<Instant> sent = server.getAllServeEvents().stream().map(ServeEvent::getRequest)
			.map(request -> request.getLoggedDate().toInstant()).sorted().toList();
		for (int i = 2; i < sent.size(); i++) {
			assertThat(java.time.Duration.between(sent.get(i - 1), sent.get(i)).toMillis())
				.as("request %d after request %d", i + 1, i).isGreaterThanOrEqualTo(450);
		}
	}

	private CrmConnector connector() {
		return connectors.stream().filter(connector -> connector.target() == CrmTarget.HUBSPOT).findFirst().orElseThrow();
	}

	private CrmMapping mapping(String line, String replacement) throws Exception {
		String yaml = Files.readString(Path.of("mappings/hubspot.yml"));
		assertThat(yaml).contains(line);
		return mappings.validate("hubspot-variant.yml", yaml.replace(line, replacement));
	}

	private static CrmRecord record(long contactId, String email) {
		return new CrmRecord(contactId, email, Map.of("email", email, "lastname", "Visitor " + contactId), "h" + contactId);
	}
}
