package io.contactsync.crm;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;

import java.net.ServerSocket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.contactsync.support.ApplicationTest;

/** Each mapping's CRM has its own part in /actuator/health, which says whether it can be reached from here. */
class CrmHealthTests extends ApplicationTest {

	@RegisterExtension
	static final CrmStubServer hubSpot = new CrmStubServer(new HubSpotStub());

	@Test
	void aCrmWithoutCredentialsIsUnknownAndTheServiceStaysUp() throws Exception {
		mvc.perform(get("/actuator/health"))
			.andExpect(jsonPath("$.status").value("UP"))
			.andExpect(jsonPath("$.components.crm.components.hubspot.status").value("UNKNOWN"))
			.andExpect(jsonPath("$.components.crm.components.salesforce.status").value("UNKNOWN"))
			.andExpect(jsonPath("$.components.crm.components.zoho.status").value("UNKNOWN"))
			.andExpect(jsonPath("$.components.db.status").value("UP"));
	}

	@Test
	void aCrmThatAnswersIsUpWhateverItAnswers() throws Exception {
		hubSpot.variable("HUBSPOT_ACCESS_TOKEN", "pat-na1-health");
		hubSpot.variable("HUBSPOT_BASE_URL", hubSpot.baseUrl());

		// WireMock answers 404 to a request it has no stub for: reachable all the same.
		mvc.perform(get("/actuator/health"))
			.andExpect(jsonPath("$.components.crm.components.hubspot.status").value("UP"));
	}

	@Test
	void aCrmThatCannotBeReachedIsDownOnItsOwn() throws Exception {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		hubSpot.variable("HUBSPOT_ACCESS_TOKEN", "pat-na1-health");
		hubSpot.variable("HUBSPOT_BASE_URL", "http://127.0.0.1:" + closedPort);

		mvc.perform(get("/actuator/health"))
			.andExpect(jsonPath("$.components.crm.components.hubspot.status").value("DOWN"))
			.andExpect(jsonPath("$.components.crm.components.zoho.status").value("UNKNOWN"));
		mvc.perform(get("/actuator/health/liveness")).andExpect(jsonPath("$.status").value("UP"));
	}
}
