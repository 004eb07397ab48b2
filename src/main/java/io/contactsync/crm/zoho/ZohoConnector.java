package io.contactsync.crm.zoho;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Zoho CRM v8 {@code {module}/upsert} with an OAuth refresh token (crm-api-notes.md 3). The access token is
 * cached per mapping and credentials until five minutes before it expires; a 401 gets one fresh token and
 * one more try. Zoho's results carry no key value, so they are matched to the records by position, which the
 * upsert answers in input order, after checking there is one result per record.
 *
 * <p>Only {@code clientId}, {@code clientSecret} and {@code refreshToken} are required, as HubSpot's base URL
 * is not: {@code accountsUrl} defaults to the US accounts server, and {@code apiUrl} to the
 * {@code api_domain} the token answer names (the data centre the token belongs to), else the US API domain.
 */
@Component
class ZohoConnector implements CrmConnector {

	static final String DEFAULT_ACCOUNTS_URL = "https://accounts.zoho.com";

	static final String DEFAULT_API_URL = "https://www.zohoapis.com";

	/** How long before its expiry a cached token is replaced, so that no request goes out with a dying one. */
	private static final Duration EXPIRY_MARGIN = Duration.ofMinutes(5);

	/** Where a per-record error points: {@code $.data[3].Email}. */
	private static final Pattern RECORD_INDEX = Pattern.compile("^\\$\\.data\\[(\\d+)]");

	/** Per-record codes that say "not now" rather than "not this" (crm-api-notes.md 4: Zoho, wait then retry). */
	private static final Set<String> TRANSIENT_RECORD_ERRORS = Set.of("RECORD_LOCKED", "INTERNAL_ERROR");

	private final CrmSecrets secrets;

	private final JsonMapper json;

	private final RetryPolicy retries;

	private final Clock clock;

	private final RestClient client = RestClient.builder()
		.requestFactory(CrmHttp.requestFactory())
		.build();

	private final Map<String, AccessToken> tokens = new ConcurrentHashMap<>();

	ZohoConnector(CrmSecrets secrets, JsonMapper json, RetryPolicy retries, Clock clock) {
		this.secrets = secrets;
		this.json = json;
		this.retries = retries;
		this.clock = clock;
	}

	@Override
	public CrmTarget target() {
		return CrmTarget.ZOHO;
	}

	@Override
	public boolean hasCredentials(CrmMapping mapping) {
		return secrets.get(mapping, "clientId") != null && secrets.get(mapping, "clientSecret") != null
				&& secrets.get(mapping, "refreshToken") != null;
	}

	/** The accounts server: every run starts there, refreshing the access token. */
	@Override
	public String endpoint(CrmMapping mapping) {
		String accountsUrl = secrets.get(mapping, "accountsUrl");
		return accountsUrl == null ? DEFAULT_ACCOUNTS_URL : accountsUrl;
	}

	/**
	 * {@code trigger: []} runs no workflow, approval or blueprint rule. A push is replayed after a timeout or a
	 * resumed run, and re-sends every record whose fields changed: rules that mail or assign on each save
	 * would fire again each time. Omitting {@code trigger} would run all three.
	 */
	@Override
	public String requestBody(CrmMapping mapping, List<CrmRecord> records) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("data", records.stream().map(CrmRecord::fields).toList());
		body.put("duplicate_check_fields", List.of(mapping.matchKey()));
		body.put("trigger", List.of());
		return json.writeValueAsString(body);
	}

	/**
	 * Sends the batch, then again only the records Zoho refused for a passing reason (RECORD_LOCKED, a
	 * per-record INTERNAL_ERROR), after a backoff and within the attempts; the others' answers stand.
	 */
	@Override
	public List<PushResult> upsert(CrmMapping mapping, List<CrmRecord> records) {
		Map<Long, PushResult> results = new LinkedHashMap<>();
		List<CrmRecord> pending = records;
		for (int attempt = 1; !pending.isEmpty(); attempt++) {
			List<PushResult> answered = results(pending, send(mapping, requestBody(mapping, pending)).body().path("data"));
			List<CrmRecord> again = new ArrayList<>();
			for (int i = 0; i < pending.size(); i++) {
				PushResult result = answered.get(i);
				if (result.errorCode() != null && TRANSIENT_RECORD_ERRORS.contains(result.errorCode())
						&& retries.mayRetry(attempt)) {
					again.add(pending.get(i));
				}
				else {
					results.put(result.contactId(), result);
				}
			}
			if (!again.isEmpty()) {
				retries.sleep(retries.delay(attempt, null));
			}
			pending = again;
		}
		return records.stream().map(record -> results.get(record.contactId())).toList();
	}

	/**
	 * One result per record, by position: Zoho answers {@code data[]} in the order it was sent and names
	 * neither the key value nor the input index of a success. When the count differs, or an error's
	 * {@code json_path} points at another record than its position, nothing can be matched safely and every
	 * record fails; the next run sends them again, which an upsert by key makes harmless.
	 */
	private List<PushResult> results(List<CrmRecord> records, JsonNode data) {
		if (data.size() != records.size() || !inInputOrder(data)) {
			String message = "Zoho's " + data.size() + " results could not be matched to the " + records.size()
					+ " records sent";
			return records.stream().map(record -> PushResult.failed(record.contactId(), "NO_RESULT", message)).toList();
		}
		List<PushResult> results = new ArrayList<>(records.size());
		for (int i = 0; i < records.size(); i++) {
			results.add(result(records.get(i).contactId(), data.get(i)));
		}
		return results;
	}

	private static boolean inInputOrder(JsonNode data) {
		for (int i = 0; i < data.size(); i++) {
			Matcher index = RECORD_INDEX.matcher(data.get(i).path("details").path("json_path").asString(""));
			if (index.find() && Integer.parseInt(index.group(1)) != i) {
				return false;
			}
		}
		return true;
	}

	private static PushResult result(long contactId, JsonNode result) {
		String id = result.path("details").path("id").asString(null);
		if ("success".equals(result.path("status").asString("")) && id != null) {
			PushResult.Outcome outcome = "insert".equals(result.path("action").asString(""))
					? PushResult.Outcome.CREATED : PushResult.Outcome.UPDATED;
			return new PushResult(contactId, outcome, id, null, null);
		}
		String field = result.path("details").path("api_name").asString("");
		String message = result.path("message").asString("") + (field.isEmpty() ? "" : " (" + field + ")");
		return PushResult.failed(contactId, result.path("code").asString("ERROR"), message);
	}

	/**
	 * Sends one batch, waiting out 429s, server errors and unreachable moments; answers once Zoho has read
	 * the records. A rejected token is replaced once without using up an attempt.
	 */
	private ZohoResponse send(CrmMapping mapping, String body) {
		return send(mapping, (base, authorization) -> client.post()
			.uri(base + "/crm/v8/{module}/upsert", mapping.object())
			.header(HttpHeaders.AUTHORIZATION, authorization)
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.exchange((request, answer) -> ZohoResponse.read(answer, json), true));
	}

	/**
	 * Sends one request, waiting out 429s, server errors and unreachable moments; answers once Zoho has
	 * given per-record results. A rejected token is replaced once without using up an attempt.
	 */
	private ZohoResponse send(CrmMapping mapping, Call call) {
		String apiUrl = secrets.get(mapping, "apiUrl");
		AccessToken token = token(mapping, null);
		boolean refreshed = false;
		int attempt = 1;
		while (true) {
			String base = apiUrl != null ? apiUrl : token.apiDomain();
			String authorization = "Zoho-oauthtoken " + token.value();
			ZohoResponse response;
			try {
				response = call.send(base, authorization);
			}
			catch (RuntimeException unreachable) {
				response = ZohoResponse.unreachable(unreachable);
			}
			if (response.isRejectedToken() && !refreshed) {
				refreshed = true;
				token = token(mapping, token);
				continue;
			}
			if (response.hasRecordResults()) {
				return response;
			}
			if (!response.isRetryable() || !retries.mayRetry(attempt)) {
				throw new CrmUnavailableException("Zoho refused the batch: " + response.describe(), response.cause());
			}
			retries.sleep(retries.delay(attempt, null));
			attempt++;
		}
	}

	/** One request to Zoho's API on the data centre's base URL with the authorization header's value. */
	private interface Call {
		ZohoResponse send(String base, String authorization);
	}

	/** Ids per delete call that Zoho accepts. */
	static final int MAX_DELETE = 100;

	@Override
	public int deleteBatchSize(CrmMapping mapping) {
		return Math.min(MAX_DELETE, mapping.batchSize());
	}

	/** Zoho's delete has no body: the call as JSON, its ids as they go in the query string. */
	@Override
	public String deleteRequestBody(CrmMapping mapping, List<String> crmIds) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("method", "DELETE");
		body.put("module", mapping.object());
		body.put("ids", crmIds);
		body.put("wf_trigger", false);
		return json.writeValueAsString(body);
	}

	/**
	 * {@code DELETE /crm/v8/{module}?ids=...} (to the recycle bin) with {@code wf_trigger=false}, for the same
	 * reason upserts send no trigger. Results are matched by {@code details.id}, else by position; INVALID_DATA
	 * for an id Zoho does not know means the record is already gone: deleted.
	 */
	@Override
	public List<DeleteResult> delete(CrmMapping mapping, List<String> crmIds) {
		List<DeleteResult> results = new ArrayList<>(crmIds.size());
		for (int from = 0; from < crmIds.size(); from += MAX_DELETE) {
			List<String> batch = crmIds.subList(from, Math.min(crmIds.size(), from + MAX_DELETE));
			String ids = String.join(",", batch.stream().map(ZohoConnector::encode).toList());
			JsonNode data = send(mapping, (base, authorization) -> client.delete()
				.uri(java.net.URI.create(base + "/crm/v8/" + encode(mapping.object()) + "?ids=" + ids + "&wf_trigger=false"))
				.header(HttpHeaders.AUTHORIZATION, authorization)
				.exchange((request, answer) -> ZohoResponse.read(answer, json), true)).body().path("data");
			Map<String, JsonNode> byId = new java.util.HashMap<>();
			for (JsonNode result : data) {
				String id = result.path("details").path("id").asString("");
				if (!id.isEmpty()) {
					byId.put(id, result);
				}
			}
			for (int i = 0; i < batch.size(); i++) {
				String id = batch.get(i);
				JsonNode result = byId.containsKey(id) ? byId.get(id) : data.size() == batch.size() ? data.get(i) : null;
				results.add(deleteResult(id, result));
			}
		}
		return results;
	}

	private static DeleteResult deleteResult(String id, JsonNode result) {
		if (result == null) {
			return DeleteResult.failed(id, "NO_RESULT", "Zoho returned no result for this record");
		}
		String code = result.path("code").asString("ERROR");
		if ("success".equals(result.path("status").asString("")) || "INVALID_DATA".equals(code)) {
			return DeleteResult.ok(id);
		}
		return DeleteResult.failed(id, code, result.path("message").asString(""));
	}

	/** The cached token, or a new one when there is none, it is about to expire, or Zoho refused {@code rejected}. */
	private synchronized AccessToken token(CrmMapping mapping, AccessToken rejected) {
		String accountsUrl = secrets.get(mapping, "accountsUrl");
		String clientId = secrets.get(mapping, "clientId");
		String refreshToken = secrets.get(mapping, "refreshToken");
		// Keyed by the credentials too, so that a rotated refresh token or client is used at once.
		String key = mapping.name() + "|" + accountsUrl + "|" + clientId + "|" + refreshToken.hashCode();
		AccessToken cached = tokens.get(key);
		if (cached != null && !cached.equals(rejected) && clock.instant().isBefore(cached.refreshAt())) {
			return cached;
		}
		AccessToken fresh = refresh(mapping, accountsUrl == null ? DEFAULT_ACCOUNTS_URL : accountsUrl);
		tokens.put(key, fresh);
		return fresh;
	}

	/**
	 * {@code grant_type=refresh_token} with the secrets in a form body rather than the query string the docs
	 * show, which access logs and proxies keep.
	 */
	private AccessToken refresh(CrmMapping mapping, String accountsUrl) {
		String form = "grant_type=refresh_token&client_id=" + encode(secrets.get(mapping, "clientId")) + "&client_secret="
				+ encode(secrets.get(mapping, "clientSecret")) + "&refresh_token=" + encode(secrets.get(mapping, "refreshToken"));
		for (int attempt = 1;; attempt++) {
			ZohoResponse response;
			try {
				response = client.post()
					.uri(accountsUrl + "/oauth/v2/token")
					.contentType(MediaType.APPLICATION_FORM_URLENCODED)
					.body(form)
					.exchange((request, answer) -> ZohoResponse.read(answer, json), true);
			}
			catch (RuntimeException unreachable) {
				response = ZohoResponse.unreachable(unreachable);
			}
			String value = response.isSuccess() ? response.body().path("access_token").asString("") : "";
			if (!value.isEmpty()) {
				Duration life = Duration.ofSeconds(response.body().path("expires_in").asLong(3600));
				Duration margin = life.compareTo(EXPIRY_MARGIN.multipliedBy(2)) > 0 ? EXPIRY_MARGIN : life.dividedBy(2);
				String apiDomain = response.body().path("api_domain").asString(DEFAULT_API_URL);
				return new AccessToken(value, apiDomain, clock.instant().plus(life).minus(margin));
			}
			if (!response.isRetryable() || !retries.mayRetry(attempt)) {
				throw new CrmUnavailableException("Zoho would not refresh the access token of " + mapping.name()
						+ ": " + response.describe(), response.cause());
			}
			retries.sleep(retries.delay(attempt, null));
		}
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}


	/** An access token, the API domain of its data centre, and when to stop using it. */
	private record AccessToken(String value, String apiDomain, Instant refreshAt) {

		@Override
		public String toString() {
			return "AccessToken[apiDomain=" + apiDomain + ", refreshAt=" + refreshAt + "]";
		}
	}
}
