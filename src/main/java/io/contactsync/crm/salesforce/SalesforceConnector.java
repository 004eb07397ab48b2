package io.contactsync.crm.salesforce;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.sforce.soap.partner.Connector;
import com.sforce.soap.partner.PartnerConnection;
import com.sforce.soap.partner.UpsertResult;
import com.sforce.soap.partner.fault.ApiFault;
import com.sforce.soap.partner.sobject.SObject;
import com.sforce.ws.ConnectionException;
import com.sforce.ws.ConnectorConfig;
import com.sforce.ws.SoapFaultException;
import io.contactsync.crm.CrmConnector;
import io.contactsync.crm.CrmHttp;
import io.contactsync.crm.CrmMapping;
import io.contactsync.crm.CrmRecord;
import io.contactsync.crm.CrmSecrets;
import io.contactsync.crm.CrmTarget;
import io.contactsync.crm.CrmUnavailableException;
import io.contactsync.crm.DeleteResult;
import io.contactsync.crm.PushResult;
import io.contactsync.crm.RetryPolicy;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Salesforce Partner SOAP API {@code upsert()} through force-wsc 65.0 (crm-api-notes.md 2). SOAP
 * {@code login()} is gone from API 65.0, so the session is an OAuth 2.0 access token from the client
 * credentials flow on {@code loginUrl} (the org's My Domain URL), passed to force-wsc as the session id, and
 * the calls go to the {@code instance_url} the token answer names. Salesforce states no token lifetime: the
 * connection is cached per mapping and credentials until Salesforce answers INVALID_SESSION_ID, which gets
 * one new token and one more try.
 *
 * <p>Results come back in input order and carry no external-id value, so they are matched to the records by
 * position after checking there is one result per record. Records answered UNABLE_TO_LOCK_ROW are sent
 * again within the run. REQUEST_LIMIT_EXCEEDED for concurrent requests,
 * SERVER_UNAVAILABLE and connection errors are retried with backoff; the daily request limit ("TotalRequests
 * Limit exceeded") and every other fault stop the run, which resumes when run again.
 */
@Component
class SalesforceConnector implements CrmConnector {

	static final String API_VERSION = "65.0";

	static final String SOAP_PATH = "/services/Soap/u/" + API_VERSION;

	static final String TOKEN_PATH = "/services/oauth2/token";

	/** The per-record status of a row another transaction held: worth sending again shortly. */
	static final String UNABLE_TO_LOCK_ROW = "UNABLE_TO_LOCK_ROW";

	/** Records per upsert() call that Salesforce accepts. */
	static final int MAX_RECORDS = 200;

	private static final int TIMEOUT_MILLIS = 60_000;

	private final CrmSecrets secrets;

	private final JsonMapper json;

	private final RetryPolicy retries;

	private final RestClient client = RestClient.builder()
		.requestFactory(CrmHttp.requestFactory())
		.build();

	private final Map<String, PartnerConnection> connections = new ConcurrentHashMap<>();

	SalesforceConnector(CrmSecrets secrets, JsonMapper json, RetryPolicy retries) {
		this.secrets = secrets;
		this.json = json;
		this.retries = retries;
	}

	@Override
	public CrmTarget target() {
		return CrmTarget.SALESFORCE;
	}

	@Override
	public boolean hasCredentials(CrmMapping mapping) {
		return secrets.get(mapping, "loginUrl") != null && secrets.get(mapping, "clientId") != null
				&& secrets.get(mapping, "clientSecret") != null;
	}

	/** The org's My Domain, where the token comes from and the API is served. */
	@Override
	public String endpoint(CrmMapping mapping) {
		return secrets.get(mapping, "loginUrl");
	}

	/**
	 * The upsert call's arguments as JSON, not its SOAP envelope: the object ({@code type} of every SObject),
	 * the external-id field, and each record's fields in the order force-wsc writes them. Every value goes as
	 * {@code xsd:string}; fields a contact has no value for are left out, so Salesforce keeps what it has.
	 */
	@Override
	public String requestBody(CrmMapping mapping, List<CrmRecord> records) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("call", "upsert");
		body.put("object", mapping.object());
		body.put("externalIDFieldName", mapping.matchKey());
		body.put("sObjects", records.stream().map(CrmRecord::fields).toList());
		return json.writeValueAsString(body);
	}

	/**
	 * Mappings are checked to batch at most 200 records, upsert()'s limit; a larger list is still split rather
	 * than refused whole by Salesforce.
	 */
	@Override
	public List<PushResult> upsert(CrmMapping mapping, List<CrmRecord> records) {
		List<PushResult> results = new ArrayList<>(records.size());
		for (int from = 0; from < records.size(); from += MAX_RECORDS) {
			results.addAll(upsertWaitingOutLocks(mapping, records.subList(from, Math.min(records.size(), from + MAX_RECORDS))));
		}
		return results;
	}

	/**
	 * One upsert() call, then again for the records that came back UNABLE_TO_LOCK_ROW — another transaction
	 * held the row (or its parent) for a moment — alone and after a backoff, up to the retry policy's
	 * attempts. A record still locked after that is reported failed and goes again next run.
	 */
	private List<PushResult> upsertWaitingOutLocks(CrmMapping mapping, List<CrmRecord> batch) {
		List<PushResult> results = new ArrayList<>(results(batch, send(mapping, sObjects(mapping, batch))));
		for (int attempt = 1;; attempt++) {
			List<Integer> locked = new ArrayList<>();
			for (int i = 0; i < results.size(); i++) {
				if (UNABLE_TO_LOCK_ROW.equals(results.get(i).errorCode())) {
					locked.add(i);
				}
			}
			if (locked.isEmpty() || !retries.mayRetry(attempt)) {
				return results;
			}
			retries.sleep(retries.delay(attempt, null));
			List<CrmRecord> again = locked.stream().map(batch::get).toList();
			List<PushResult> retried = results(again, send(mapping, sObjects(mapping, again)));
			for (int i = 0; i < locked.size(); i++) {
				results.set(locked.get(i), retried.get(i));
			}
		}
	}

	private static SObject[] sObjects(CrmMapping mapping, List<CrmRecord> records) {
		SObject[] sObjects = new SObject[records.size()];
		for (int i = 0; i < sObjects.length; i++) {
			SObject sObject = new SObject();
			sObject.setType(mapping.object());
			records.get(i).fields().forEach(sObject::setField);
			sObjects[i] = sObject;
		}
		return sObjects;
	}

	/**
	 * One result per record, by position, in which Salesforce answers. When the count differs nothing can be
	 * matched safely and every record fails; the next run sends them again, which an upsert by external id
	 * makes harmless.
	 */
	private static List<PushResult> results(List<CrmRecord> records, UpsertResult[] answered) {
		if (answered == null || answered.length != records.size()) {
			String message = "Salesforce's " + (answered == null ? 0 : answered.length)
					+ " results could not be matched to the " + records.size() + " records sent";
			return records.stream().map(record -> PushResult.failed(record.contactId(), "NO_RESULT", message)).toList();
		}
		List<PushResult> results = new ArrayList<>(records.size());
		for (int i = 0; i < answered.length; i++) {
			results.add(result(records.get(i).contactId(), answered[i]));
		}
		return results;
	}

	private static PushResult result(long contactId, UpsertResult result) {
		if (result.isSuccess() && result.getId() != null) {
			PushResult.Outcome outcome = result.isCreated() ? PushResult.Outcome.CREATED : PushResult.Outcome.UPDATED;
			return new PushResult(contactId, outcome, result.getId(), null, null);
		}
		com.sforce.soap.partner.Error[] errors = result.getErrors();
		if (errors == null || errors.length == 0) {
			return PushResult.failed(contactId, "ERROR", "Salesforce refused the record without saying why");
		}
		com.sforce.soap.partner.Error first = errors[0];
		String code = first.getStatusCode() == null ? "ERROR" : first.getStatusCode().name();
		return PushResult.failed(contactId, code, first.getMessage() == null ? "" : first.getMessage());
	}

	/**
	 * Sends one batch, waiting out transient faults and unreachable moments; answers once Salesforce has read
	 * the records. A rejected session is replaced once without using up an attempt.
	 */
	private UpsertResult[] send(CrmMapping mapping, SObject[] sObjects) {
		return send(mapping, connection -> connection.upsert(mapping.matchKey(), sObjects));
	}

	/** One call on the mapping's connection. */
	private interface Call<T> {
		T send(PartnerConnection connection) throws ConnectionException;
	}

	/** Status codes of a delete that say the record is already gone. */
	private static final java.util.Set<String> ALREADY_GONE = java.util.Set.of("ENTITY_IS_DELETED",
			"INVALID_CROSS_REFERENCE_KEY");

	@Override
	public int deleteBatchSize(CrmMapping mapping) {
		return Math.min(MAX_RECORDS, mapping.batchSize());
	}

	/** The delete call's arguments as JSON: the record ids. */
	@Override
	public String deleteRequestBody(CrmMapping mapping, List<String> crmIds) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("call", "delete");
		body.put("ids", crmIds);
		return json.writeValueAsString(body);
	}

	/**
	 * {@code delete(String[] ids)}, at most 200 a call (to the recycle bin), results in input order. An id
	 * already deleted or unknown (ENTITY_IS_DELETED, INVALID_CROSS_REFERENCE_KEY) counts as deleted.
	 */
	@Override
	public List<DeleteResult> delete(CrmMapping mapping, List<String> crmIds) {
		List<DeleteResult> results = new ArrayList<>(crmIds.size());
		for (int from = 0; from < crmIds.size(); from += MAX_RECORDS) {
			List<String> batch = crmIds.subList(from, Math.min(crmIds.size(), from + MAX_RECORDS));
			String[] ids = batch.toArray(String[]::new);
			com.sforce.soap.partner.DeleteResult[] answered = send(mapping, connection -> connection.delete(ids));
			for (int i = 0; i < batch.size(); i++) {
				if (answered == null || answered.length != batch.size()) {
					results.add(DeleteResult.failed(batch.get(i), "NO_RESULT", "Salesforce's "
							+ (answered == null ? 0 : answered.length) + " results could not be matched to the "
							+ batch.size() + " ids sent"));
				}
				else {
					results.add(deleteResult(batch.get(i), answered[i]));
				}
			}
		}
		return results;
	}

	private static DeleteResult deleteResult(String id, com.sforce.soap.partner.DeleteResult result) {
		if (result.isSuccess()) {
			return DeleteResult.ok(id);
		}
		com.sforce.soap.partner.Error[] errors = result.getErrors();
		if (errors == null || errors.length == 0) {
			return DeleteResult.failed(id, "ERROR", "Salesforce refused the delete without saying why");
		}
		String code = errors[0].getStatusCode() == null ? "ERROR" : errors[0].getStatusCode().name();
		if (ALREADY_GONE.contains(code)) {
			return DeleteResult.ok(id);
		}
		return DeleteResult.failed(id, code, errors[0].getMessage() == null ? "" : errors[0].getMessage());
	}

	private <T> T send(CrmMapping mapping, Call<T> call) {
		PartnerConnection connection = connection(mapping, null);
		boolean renewed = false;
		int attempt = 1;
		while (true) {
			try {
				return call.send(connection);
			}
			catch (ConnectionException ex) {
				String code = faultCode(ex);
				if ("INVALID_SESSION_ID".equals(code) && !renewed) {
					renewed = true;
					connection = connection(mapping, connection);
					continue;
				}
				if (!isRetryable(ex, code) || !retries.mayRetry(attempt)) {
					throw new CrmUnavailableException("Salesforce refused the batch: " + describe(ex, code), ex);
				}
			}
			retries.sleep(retries.delay(attempt, null));
			attempt++;
		}
	}

	/** The fault's exception code ({@code INVALID_SESSION_ID}, ...); null when no SOAP fault came back. */
	private static String faultCode(ConnectionException ex) {
		if (ex instanceof ApiFault fault && fault.getExceptionCode() != null) {
			return fault.getExceptionCode().name();
		}
		if (ex instanceof SoapFaultException fault && fault.getFaultCode() != null) {
			return fault.getFaultCode().getLocalPart();
		}
		return null;
	}

	/**
	 * Worth sending again: no fault at all (unreachable, cut off), SERVER_UNAVAILABLE, and REQUEST_LIMIT_EXCEEDED
	 * unless it is the org's daily allowance, which frees up only over the next 24 hours.
	 */
	private static boolean isRetryable(ConnectionException ex, String code) {
		if (code == null) {
			return !(ex instanceof SoapFaultException);
		}
		if ("REQUEST_LIMIT_EXCEEDED".equals(code)) {
			String message = ex instanceof ApiFault fault ? fault.getExceptionMessage() : ex.getMessage();
			return message == null || !message.contains("TotalRequests");
		}
		return "SERVER_UNAVAILABLE".equals(code);
	}

	/** The code only, or the kind of connection failure: fault messages may echo what was sent. */
	private static String describe(ConnectionException ex, String code) {
		return code != null ? code : "unreachable (" + ex.getClass().getSimpleName() + ")";
	}

	/** The cached connection, or a new one with a new token when there is none or Salesforce refused {@code rejected}. */
	private synchronized PartnerConnection connection(CrmMapping mapping, PartnerConnection rejected) {
		String loginUrl = strip(secrets.get(mapping, "loginUrl"));
		String clientId = secrets.get(mapping, "clientId");
		String clientSecret = secrets.get(mapping, "clientSecret");
		// Keyed by the credentials too, so that a rotated client or secret is used at once.
		String key = mapping.name() + "|" + loginUrl + "|" + clientId + "|" + clientSecret.hashCode();
		PartnerConnection cached = connections.get(key);
		if (cached != null && cached != rejected) {
			return cached;
		}
		AccessToken token = token(mapping, loginUrl, clientId, clientSecret);
		ConnectorConfig config = new ConnectorConfig();
		config.setManualLogin(true);
		config.setSessionId(token.value());
		// force-partner-api 65.0.0's built-in endpoint is an internal Salesforce host: set both ourselves.
		String endpoint = strip(token.instanceUrl()) + SOAP_PATH;
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
