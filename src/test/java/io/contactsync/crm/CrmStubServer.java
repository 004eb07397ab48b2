package io.contactsync.crm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A WireMock server that answers as one CRM through its stub, for a test class ({@code @RegisterExtension}
 * on a static field): started before the class's tests, stopped after them, and the environment variables
 * a test set to point a mapping at it cleared after each test.
 */
class CrmStubServer extends WireMockServer implements BeforeAllCallback, AfterAllCallback, AfterEachCallback {

	private final String stub;

	private final Set<String> variables = new LinkedHashSet<>();

	private final AtomicInteger clients = new AtomicInteger();

	CrmStubServer(ResponseDefinitionTransformerV2 stub) {
		// The JDK client's h2c upgrade makes WireMock reset POSTs with a body (stack notes, pitfall 5).
		super(wireMockConfig().dynamicPort().http2PlainDisabled(true).extensions(stub));
		this.stub = stub.getName();
	}

	/**
	 * Sets a variable a mapping names; the connectors read them through Spring's environment, which sees
	 * system properties.
	 */
	void variable(String name, String value) {
		variables.add(name);
		System.setProperty(name, value);
	}

	/** Points the shipped mappings/hubspot.yml at this server, with a token HubSpot would take. */
	void hubspotCredentials() {
		variable("HUBSPOT_ACCESS_TOKEN", "pat-na1-test-token");
		variable("HUBSPOT_BASE_URL", baseUrl());
	}

	/**
	 * Points mappings/salesforce.yml at this server. The connector outlives a test and caches its session by
	 * credentials: a client id of its own makes each test start without one, as a first run does.
	 */
	void salesforceCredentials() {
		variable("SALESFORCE_LOGIN_URL", baseUrl());
		variable("SALESFORCE_CLIENT_ID", "3MVG9test." + port() + "." + clients.incrementAndGet());
		variable("SALESFORCE_CLIENT_SECRET", SalesforceStub.CLIENT_SECRET);
	}

	/** Points mappings/zoho.yml at this server; a refresh token of its own per test, as for Salesforce. */
	void zohoCredentials() {
		variable("ZOHO_ACCOUNTS_URL", baseUrl());
		variable("ZOHO_API_URL", baseUrl());
		variable("ZOHO_CLIENT_ID", ZohoStub.CLIENT_ID);
		variable("ZOHO_CLIENT_SECRET", ZohoStub.CLIENT_SECRET);
		variable("ZOHO_REFRESH_TOKEN", "1000.refresh." + port() + "." + clients.incrementAndGet());
	}

	/**
	 * Forgets every request and stubbing, then answers these requests through the CRM's stub, and the schema
	 * reads every push starts with (HubSpot's properties, Zoho's fields; Salesforce's describe is a SOAP call).
	 */
	void answer(MappingBuilder... requests) {
		resetAll();
		stubFor(get(urlPathMatching("/crm/.*properties/.*|/crm/v8/settings/fields|/communication-preferences/.*/definitions"))
			.willReturn(aResponse().withTransformers(stub)));
		for (MappingBuilder request : requests) {
			stubFor(request.willReturn(aResponse().withTransformers(stub)));
		}
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		start();
	}

	@Override
	public void afterEach(ExtensionContext context) {
		variables.forEach(System::clearProperty);
		variables.clear();
	}

	@Override
	public void afterAll(ExtensionContext context) {
		stop();
	}
}
