package io.contactsync.crm.zoho;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.contactsync.crm.ActivityFormat;
import io.contactsync.crm.ActivityResult;
import io.contactsync.crm.CrmActivity;
import io.contactsync.crm.CrmConnector;
import io.contactsync.crm.CrmField;
import io.contactsync.crm.CrmHttp;
import io.contactsync.crm.CrmMapping;
import io.contactsync.crm.CrmRecord;
import io.contactsync.crm.CrmSecrets;
import io.contactsync.crm.CrmTarget;
import io.contactsync.crm.DeleteResult;
import io.contactsync.crm.PushResult;
import io.contactsync.crm.RequestPace;
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

	/** Per-record codes that say "not now" rather than "not this" (crm-api-notes.md 4: Zoho, wait then retry). */
	private static final Set<String> TRANSIENT_RECORD_ERRORS = Set.of("RECORD_LOCKED", "INTERNAL_ERROR");

	private final CrmSecrets secrets;

	private final JsonMapper json;

	private final RetryPolicy retries;

	private final RestClient client = CrmHttp.client().build();

	private final ZohoCalls calls;

	private final ZohoRemoval removal;

	private final ZohoNotes notes;

	ZohoConnector(CrmSecrets secrets, JsonMapper json, RetryPolicy retries, Clock clock, RequestPace pace) {
		this.secrets = secrets;
		this.json = json;
		this.retries = retries;
		this.calls = new ZohoCalls(secrets, new ZohoTokens(secrets, json, retries, clock, client), retries, pace);
		this.removal = new ZohoRemoval(calls, client, json);
		this.notes = new ZohoNotes(calls, removal, client, json);
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
		Set<String> flags = flags(mapping);
		body.put("data", records.stream().map(record -> data(record, flags)).toList());
		if (records.isEmpty() || !records.get(0).isUpdate()) {
			body.put("duplicate_check_fields", List.of(mapping.matchKey()));
		}
		body.put("trigger", List.of());
		return json.writeValueAsString(body);
	}

	/**
	 * A record as Zoho takes it: an update names the record's id; a cleared field goes as JSON null; a field mapped
	 * from a consent (Email_Opt_Out) goes as a JSON boolean, which Zoho's boolean fields take.
	 */
	private static Map<String, Object> data(CrmRecord record, Set<String> flags) {
		Map<String, Object> data = new LinkedHashMap<>();
		if (record.isUpdate()) {
			data.put("id", record.crmId());
		}
		record.fields().forEach((field, value) -> data.put(field, flags.contains(field) ? Boolean.valueOf(value) : value));
		record.cleared().forEach(field -> data.put(field, null));
		return data;
	}

	/** The CRM fields mapped from a true/false source. */
	private static Set<String> flags(CrmMapping mapping) {
		return mapping.fields().stream().filter(CrmMapping.FieldMapping::readsFlag)
			.map(CrmMapping.FieldMapping::target).collect(Collectors.toSet());
	}

	/** {@code GET settings/fields?module=}: every field of the module, from all its layouts. */
	@Override
	public List<CrmField> describe(CrmMapping mapping) {
		ZohoResponse response = calls.send(mapping, (base, authorization) -> client.get()
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
		return calls.send(mapping, (base, authorization) -> (updates
				? client.put().uri(base + "/crm/v8/{module}", mapping.object())
				: client.post().uri(base + "/crm/v8/{module}/upsert", mapping.object()))
			.header(HttpHeaders.AUTHORIZATION, authorization)
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.exchange((request, answer) -> ZohoResponse.read(answer, json), true), "data");
	}

	@Override
	public int deleteBatchSize(CrmMapping mapping, boolean erase) {
		return removal.batchSize(mapping);
	}

	@Override
	public String deleteRequestBody(CrmMapping mapping, List<String> crmIds, boolean erase) {
		return removal.requestBody(mapping, crmIds, erase);
	}

	/** See {@link ZohoRemoval}: to the recycle bin, or for an erasure out of it too. */
	@Override
	public List<DeleteResult> delete(CrmMapping mapping, List<String> crmIds, boolean erase) {
		return removal.remove(mapping, crmIds, erase);
	}

	@Override
	public List<CrmField> describeActivities(CrmMapping mapping, String kind) {
		return notes.describe(mapping);
	}

	@Override
	public Map<String, String> activityFields(String kind) {
		return ZohoNotes.written();
	}

	@Override
	public ActivityFormat activityFormat(CrmMapping mapping) {
		return ZohoNotes.FORMAT;
	}

	@Override
	public String activityRequestBody(CrmMapping mapping, List<CrmActivity> batch) {
		return notes.body(mapping, batch);
	}

	/** See {@link ZohoNotes}. */
	@Override
	public List<ActivityResult> pushActivities(CrmMapping mapping, List<CrmActivity> batch) {
		return notes.push(mapping, batch);
	}

	@Override
	public List<DeleteResult> deleteActivities(CrmMapping mapping, String kind, List<String> crmIds) {
		return notes.delete(mapping, crmIds);
	}

	static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}
}
