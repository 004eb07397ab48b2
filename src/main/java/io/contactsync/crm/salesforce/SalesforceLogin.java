package io.contactsync.crm.salesforce;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.sforce.soap.partner.Connector;
import com.sforce.soap.partner.PartnerConnection;
import com.sforce.ws.ConnectionException;
import com.sforce.ws.ConnectorConfig;
import io.contactsync.crm.CrmHttp;
import io.contactsync.crm.CrmMapping;
import io.contactsync.crm.CrmSecrets;
import io.contactsync.crm.CrmUnavailableException;
import io.contactsync.crm.RetryPolicy;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Salesforce session: an OAuth 2.0 access token from the client credentials flow on the org's My Domain,
 * handed to force-wsc as its session id, and the connection built on it, cached per mapping and credentials.
 * Apart from the connector because it is the only part that speaks OAuth over REST and holds the secrets;
 * the rest speaks SOAP on the connection it is given.
 */
final class SalesforceLogin {

	static final String SOAP_PATH = "/services/Soap/u/";

	static final String TOKEN_PATH = "/services/oauth2/token";

	private static final int TIMEOUT_MILLIS = 60_000;

	private final CrmSecrets secrets;

	private final JsonMapper json;

	private final RetryPolicy retries;

	private final RestClient client = CrmHttp.client().build();

	private final Map<String, PartnerConnection> connections = new ConcurrentHashMap<>();

	SalesforceLogin(CrmSecrets secrets, JsonMapper json, RetryPolicy retries) {
		this.secrets = secrets;
		this.json = json;
		this.retries = retries;
	}

	/** The cached connection, or a new one with a new token when there is none or Salesforce refused {@code rejected}. */
	synchronized PartnerConnection connection(CrmMapping mapping, PartnerConnection rejected) {
		String loginUrl = strip(secrets.get(mapping, "loginUrl"));
		String clientId = secrets.get(mapping, "clientId");
		String clientSecret = secrets.get(mapping, "clientSecret");
		// Keyed by the credentials too, so that a rotated client or secret is used at once.
		String key = mapping.name() + "|" + loginUrl + "|" + clientId + "|" + clientSecret.hashCode() + "|"
				+ apiVersion(mapping);
		PartnerConnection cached = connections.get(key);
		if (cached != null && cached != rejected) {
			return cached;
		}
		AccessToken token = token(mapping, loginUrl, clientId, clientSecret);
		ConnectorConfig config = new ConnectorConfig();
		config.setManualLogin(true);
		config.setSessionId(token.value());
		// force-partner-api 65.0.0's built-in endpoint is an internal Salesforce host: set both ourselves.
		String endpoint = strip(token.instanceUrl()) + SOAP_PATH + apiVersion(mapping);
		config.setAuthEndpoint(endpoint);
		config.setServiceEndpoint(endpoint);
		config.setConnectionTimeout(TIMEOUT_MILLIS);
		config.setReadTimeout(TIMEOUT_MILLIS * 5);
		try {
			PartnerConnection connection = Connector.newConnection(config);
			connections.put(key, connection);
			return connection;
		}
		catch (ConnectionException ex) {
			throw new CrmUnavailableException("Salesforce's instance URL for " + mapping.name()
					+ " does not make a SOAP endpoint: " + ex.getClass().getSimpleName(), ex);
		}
	}

	/**
	 * The client credentials flow: {@code grant_type=client_credentials} with the secrets in a form body.
	 * Unreachable and 5xx are retried; a refusal ({@code invalid_client}, ...) stops the run.
	 */
	private AccessToken token(CrmMapping mapping, String loginUrl, String clientId, String clientSecret) {
		String form = "grant_type=client_credentials&client_id=" + encode(clientId) + "&client_secret="
				+ encode(clientSecret);
		for (int attempt = 1;; attempt++) {
			int status;
			JsonNode body;
			Throwable cause = null;
			try {
				TokenAnswer answer = client.post()
					.uri(loginUrl + TOKEN_PATH)
					.contentType(MediaType.APPLICATION_FORM_URLENCODED)
					.accept(MediaType.APPLICATION_JSON)
					.body(form)
					.exchange((request, response) -> new TokenAnswer(response.getStatusCode().value(),
							parse(response.getBody().readAllBytes())), true);
				status = answer.status();
				body = answer.body();
			}
			catch (RuntimeException unreachable) {
				status = 0;
				body = json.createObjectNode();
				cause = unreachable;
			}
			String value = status == 200 ? body.path("access_token").asString("") : "";
			String instanceUrl = body.path("instance_url").asString("");
			if (!value.isEmpty() && !instanceUrl.isEmpty()) {
				return new AccessToken(value, instanceUrl);
			}
			boolean retryable = status == 0 || status >= 500;
			if (!retryable || !retries.mayRetry(attempt)) {
				String said = status == 0 ? "unreachable (" + cause.getClass().getSimpleName() + ")"
						: status + " " + body.path("error").asString("");
				throw new CrmUnavailableException("Salesforce would not issue an access token for " + mapping.name()
						+ ": " + said.strip(), cause);
			}
			retries.sleep(retries.delay(attempt, null));
		}
	}

	private JsonNode parse(byte[] bytes) {
		try {
			return bytes.length == 0 ? json.createObjectNode() : json.readTree(bytes);
		}
		catch (RuntimeException notJson) {
			return json.createObjectNode();
		}
	}

	/** The mapping's SOAP API version; the partner jar's own when it names none. */
	static String apiVersion(CrmMapping mapping) {
		String version = mapping.options().apiVersion();
		return version == null ? SalesforceConnector.API_VERSION : version;
	}

	private static String strip(String url) {
		return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private record TokenAnswer(int status, JsonNode body) {
	}

	/** An access token and the instance it is good for. */
	private record AccessToken(String value, String instanceUrl) {

		@Override
		public String toString() {
			return "AccessToken[instanceUrl=" + instanceUrl + "]";
		}
	}
}
