package io.contactsync.crm;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;

import java.net.ServerSocket;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.contactsync.support.ContactSyncTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** Each mapping's CRM has its own part in /actuator/health, which says whether it can be reached from here. */
@ContactSyncTest
class CrmHealthTests {

	@Autowired
	MockMvc mvc;

	private WireMockServer hubSpot;

	@AfterEach
	void forgetCredentials() {
		System.clearProperty("HUBSPOT_ACCESS_TOKEN");
		System.clearProperty("HUBSPOT_BASE_URL");
		if (hubSpot != null) {
			hubSpot.stop();
		}
	}

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
		hubSpot = new WireMockServer(WireMockConfiguration.options().dynamicPort().http2PlainDisabled(true));
		hubSpot.start();
		System.setProperty("HUBSPOT_ACCESS_TOKEN", "pat-na1-health");
		System.setProperty("HUBSPOT_BASE_URL", hubSpot.baseUrl());

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
		System.setProperty("HUBSPOT_ACCESS_TOKEN", "pat-na1-health");
		System.setProperty("HUBSPOT_BASE_URL", "http://127.0.0.1:" + closedPort);

		mvc.perform(get("/actuator/health"))
			.andExpect(jsonPath("$.components.crm.components.hubspot.status").value("DOWN"))
			.andExpect(jsonPath("$.components.crm.components.zoho.status").value("UNKNOWN"));
		mvc.perform(get("/actuator/health/liveness")).andExpect(jsonPath("$.status").value("UP"));
	}
}
