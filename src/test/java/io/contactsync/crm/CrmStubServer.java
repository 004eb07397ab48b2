package io.contactsync.crm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import java.util.LinkedHashSet;
import java.util.Set;

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

	/**
	 * Forgets every request and stubbing, then answers these requests through the CRM's stub, and the schema
	 * reads every push starts with (HubSpot's properties, Zoho's fields; Salesforce's describe is a SOAP call).
	 */
	void answer(MappingBuilder... requests) {
		resetAll();
		stubFor(get(urlPathMatching("/crm/.*properties/.*|/crm/v8/settings/fields"))
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
