package io.contactsync.crm.zoho;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.contactsync.crm.CrmConnector;
import io.contactsync.crm.CrmField;
import io.contactsync.crm.CrmHttp;
import io.contactsync.crm.CrmMapping;
import io.contactsync.crm.CrmRecord;
import io.contactsync.crm.CrmSecrets;
import io.contactsync.crm.CrmTarget;
import io.contactsync.crm.CrmUnavailableException;
import io.contactsync.crm.DeleteResult;
import io.contactsync.crm.PushResult;
import io.contactsync.crm.RequestPace;
import io.contactsync.crm.RetryPolicy;
import io.contactsync.crm.zoho.ZohoTokens.AccessToken;
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

	/** Per-record codes that say "not now" rather than "not this" (crm-api-notes.md 4: Zoho, wait then retry). */
	private static final Set<String> TRANSIENT_RECORD_ERRORS = Set.of("RECORD_LOCKED", "INTERNAL_ERROR");

	private final CrmSecrets secrets;

	private final JsonMapper json;

	private final RetryPolicy retries;

	private final RestClient client = CrmHttp.client().build();

	private final ZohoTokens tokens;

	private final RequestPace pace;

	ZohoConnector(CrmSecrets secrets, JsonMapper json, RetryPolicy retries, Clock clock, RequestPace pace) {
		this.pace = pace;
		this.secrets = secrets;
		this.json = json;
		this.retries = retries;
		this.tokens = new ZohoTokens(secrets, json, retries, clock, client);
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
		body.put("data", records.stream().map(ZohoConnector::data).toList());
		if (records.isEmpty() || !records.get(0).isUpdate()) {
			body.put("duplicate_check_fields", List.of(mapping.matchKey()));
		}
		body.put("trigger", List.of());
		return json.writeValueAsString(body);
	}

	/** A record as Zoho takes it: an update names the record's id; a cleared field goes as JSON null. */
	private static Map<String, Object> data(CrmRecord record) {
		Map<String, Object> data = new LinkedHashMap<>();
		if (record.isUpdate()) {
			data.put("id", record.crmId());
		}
		data.putAll(record.fields());
		record.cleared().forEach(field -> data.put(field, null));
		return data;
	}

	/** {@code GET settings/fields?module=}: every field of the module, from all its layouts. */
	@Override
	public List<CrmField> describe(CrmMapping mapping) {
		ZohoResponse response = send(mapping, (base, authorization) -> client.get()
			.uri(base + "/crm/v8/settings/fields?module={module}", mapping.object())
			.header(HttpHeaders.AUTHORIZATION, authorization)
			.exchange((request, answer) -> ZohoResponse.read(answer, json), true), "fields");
		return ZohoSchema.fields(response.body());
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
			JsonNode data = send(mapping, pending).body().path("data");
			List<PushResult> answered = ZohoResults.upserted(pending, data);
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
	 * Sends one batch, waiting out 429s, server errors and unreachable moments; answers once Zoho has read
	 * the records. A rejected token is replaced once without using up an attempt.
	 */
	private ZohoResponse send(CrmMapping mapping, List<CrmRecord> records) {
		String body = requestBody(mapping, records);
		boolean updates = records.get(0).isUpdate();
		return send(mapping, (base, authorization) -> (updates
				? client.put().uri(base + "/crm/v8/{module}", mapping.object())
				: client.post().uri(base + "/crm/v8/{module}/upsert", mapping.object()))
			.header(HttpHeaders.AUTHORIZATION, authorization)
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.exchange((request, answer) -> ZohoResponse.read(answer, json), true), "data");
	}

	/**
	 * Sends one request, waiting out 429s, server errors and unreachable moments; answers once Zoho has
	 * given per-record results. A rejected token is replaced once without using up an attempt.
	 */
	private ZohoResponse send(CrmMapping mapping, Call call, String answerField) {
		String apiUrl = secrets.get(mapping, "apiUrl");
		AccessToken token = tokens.token(mapping, null);
		boolean refreshed = false;
		int attempt = 1;
		while (true) {
			String base = apiUrl != null ? apiUrl : token.apiDomain();
			String authorization = "Zoho-oauthtoken " + token.value();
			ZohoResponse response;
			pace.await(mapping);
			try {
				response = call.send(base, authorization);
			}
			catch (RuntimeException unreachable) {
				response = ZohoResponse.unreachable(unreachable);
			}
			if (response.isRejectedToken() && !refreshed) {
				refreshed = true;
				token = tokens.token(mapping, token);
				continue;
			}
			if (response.answers(answerField)) {
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
	 * reason upserts send no trigger.
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
				.exchange((request, answer) -> ZohoResponse.read(answer, json), true), "data").body().path("data");
			results.addAll(ZohoResults.deleted(batch, data));
		}
		return results;
	}

	static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}
}
