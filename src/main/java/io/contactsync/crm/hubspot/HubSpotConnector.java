package io.contactsync.crm.hubspot;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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
 * HubSpot CRM v3 {@code contacts/batch/upsert} with a private-app token. Results are matched back by the
 * match key's value (results) and by {@code objectWriteTraceId}, the contact id (errors). A batch HubSpot
 * refuses whole with 400 is split in halves until the bad records stand alone, so the rest still goes.
 */
@Component
class HubSpotConnector implements CrmConnector {

	static final String DEFAULT_BASE_URL = "https://api.hubapi.com";

	static final String UPSERT = "/crm/v3/objects/contacts/batch/upsert";

	static final String ARCHIVE = "/crm/v3/objects/contacts/batch/archive";

	static final String GDPR_DELETE = "/crm/v3/objects/contacts/gdpr-delete";

	/** Ids per batch/archive call that HubSpot accepts. */
	static final int MAX_ARCHIVE = 100;

	private final CrmSecrets secrets;

	private final JsonMapper json;

	private final RetryPolicy retries;

	private final Map<String, RestClient> clients = new ConcurrentHashMap<>();

	HubSpotConnector(CrmSecrets secrets, JsonMapper json, RetryPolicy retries) {
		this.secrets = secrets;
		this.json = json;
		this.retries = retries;
	}

	@Override
	public CrmTarget target() {
		return CrmTarget.HUBSPOT;
	}

	@Override
	public boolean hasCredentials(CrmMapping mapping) {
		return secrets.get(mapping, "accessToken") != null;
	}

	@Override
	public String endpoint(CrmMapping mapping) {
		String baseUrl = secrets.get(mapping, "baseUrl");
		return baseUrl == null ? DEFAULT_BASE_URL : baseUrl;
	}

	@Override
	public String requestBody(CrmMapping mapping, List<CrmRecord> records) {
		List<Map<String, Object>> inputs = new ArrayList<>(records.size());
		for (CrmRecord record : records) {
			Map<String, Object> input = new LinkedHashMap<>();
			input.put("idProperty", mapping.matchKey());
			input.put("id", record.key());
			input.put("objectWriteTraceId", Long.toString(record.contactId()));
			input.put("properties", record.fields());
			inputs.add(input);
		}
		return json.writeValueAsString(Map.of("inputs", inputs));
	}

	@Override
	public List<PushResult> upsert(CrmMapping mapping, List<CrmRecord> records) {
		HubSpotResponse response = send(mapping, records);
		if (response.status() == 400 && records.size() > 1) {
			List<PushResult> results = new ArrayList<>(upsert(mapping, records.subList(0, records.size() / 2)));
			results.addAll(upsert(mapping, records.subList(records.size() / 2, records.size())));
			return results;
		}
		if (response.status() == 400) {
			return List.of(PushResult.failed(records.get(0).contactId(), response.errorCode(), response.message()));
		}
		return results(mapping, records, response.body());
	}

	private List<PushResult> results(CrmMapping mapping, List<CrmRecord> records, JsonNode body) {
		Map<String, Long> contactByKey = new HashMap<>();
		Map<Long, CrmRecord> byContact = new HashMap<>();
		records.forEach(record -> {
			contactByKey.put(record.key().toLowerCase(), record.contactId());
			byContact.put(record.contactId(), record);
		});
		Map<Long, PushResult> results = new LinkedHashMap<>();
		for (JsonNode result : body.path("results")) {
			String key = result.path("properties").path(mapping.matchKey()).asString("").toLowerCase();
			Long contactId = contactByKey.get(key);
			if (contactId != null) {
				results.put(contactId, new PushResult(contactId,
						result.path("new").asBoolean(false) ? PushResult.Outcome.CREATED : PushResult.Outcome.UPDATED,
						result.path("id").asString(null), null, null));
			}
		}
		for (JsonNode error : body.path("errors")) {
			for (JsonNode trace : error.path("context").path("objectWriteTraceId")) {
				long contactId = Long.parseLong(trace.asString("0"));
				if (byContact.containsKey(contactId)) {
					results.put(contactId, PushResult.failed(contactId, HubSpotResponse.errorCode(error),
							error.path("message").asString("")));
				}
			}
		}
		for (CrmRecord record : records) {
			results.computeIfAbsent(record.contactId(),
					id -> PushResult.failed(id, "NO_RESULT", "HubSpot returned no result for this record"));
		}
		return new ArrayList<>(results.values());
	}

	/** One id per GDPR delete request, so that each goes under the rate limit; batch/archive takes 100. */
	@Override
	public int deleteBatchSize(CrmMapping mapping) {
		return isGdprDelete(mapping) ? 1 : Math.min(MAX_ARCHIVE, mapping.batchSize());
	}

	/**
	 * {@code archive}: one batch/archive body; {@code gdpr-delete}: a JSON array of the one-id bodies sent one
	 * by one. The id is HubSpot's record id, so no idProperty.
	 */
	@Override
	public String deleteRequestBody(CrmMapping mapping, List<String> crmIds) {
		if (isGdprDelete(mapping)) {
			return json.writeValueAsString(crmIds.stream().map(HubSpotConnector::gdprDeleteBody).toList());
		}
		return json.writeValueAsString(Map.of("inputs", crmIds.stream().map(id -> Map.of("id", id)).toList()));
	}

	/**
	 * GDPR delete (permanent) one record at a time, or batch/archive (restorable for 90 days) in batches, as
	 * the mapping's {@code deletion} says. A 404 means HubSpot no longer holds the record: deleted.
	 */
	@Override
	public List<DeleteResult> delete(CrmMapping mapping, List<String> crmIds) {
		List<DeleteResult> results = new ArrayList<>(crmIds.size());
		if (isGdprDelete(mapping)) {
			for (String id : crmIds) {
				HubSpotResponse response = send(mapping, GDPR_DELETE,
						json.writeValueAsString(gdprDeleteBody(id)), true);
				results.add(deleteResult(id, response));
			}
			return results;
		}
		for (int from = 0; from < crmIds.size(); from += MAX_ARCHIVE) {
			List<String> batch = crmIds.subList(from, Math.min(crmIds.size(), from + MAX_ARCHIVE));
			HubSpotResponse response = send(mapping, ARCHIVE, deleteRequestBody(mapping, batch), true);
			batch.forEach(id -> results.add(deleteResult(id, response)));
		}
		return results;
	}

	private static DeleteResult deleteResult(String id, HubSpotResponse response) {
		if (response.isSuccess() || response.status() == 404) {
			return DeleteResult.ok(id);
		}
		return DeleteResult.failed(id, response.errorCode(), response.message());
	}

	private static Map<String, String> gdprDeleteBody(String id) {
		return Map.of("objectId", id);
	}

	private static boolean isGdprDelete(CrmMapping mapping) {
		return "gdpr-delete".equals(mapping.deletion());
	}

	/** Sends one batch, waiting out rate limits, locks and server errors; answers 2xx or 400. */
	private HubSpotResponse send(CrmMapping mapping, List<CrmRecord> records) {
		return send(mapping, UPSERT, requestBody(mapping, records), false);
	}

	/**
	 * Sends one request, waiting out rate limits, locks and server errors; answers 2xx or 400, and 404 when
	 * {@code notFoundAnswers} (a delete of a record HubSpot no longer holds).
	 */
	private HubSpotResponse send(CrmMapping mapping, String path, String body, boolean notFoundAnswers) {
		for (int attempt = 1;; attempt++) {
			HubSpotResponse response;
			try {
				response = client(mapping).post()
					.uri(path)
					.contentType(MediaType.APPLICATION_JSON)
					.body(body)
					.exchange((request, answer) -> HubSpotResponse.read(answer, json), true);
			}
			catch (RuntimeException unreachable) {
				response = HubSpotResponse.unreachable(unreachable);
			}
			if (response.isSuccess() || response.status() == 400 || (notFoundAnswers && response.status() == 404)) {
				return response;
			}
			if (!response.isRetryable() || !retries.mayRetry(attempt)) {
				throw new CrmUnavailableException("HubSpot refused the batch: " + response.describe(), response.cause());
			}
			retries.sleep(retries.delay(attempt, response.retryAfter()));
		}
	}

	private RestClient client(CrmMapping mapping) {
		String baseUrl = secrets.get(mapping, "baseUrl");
		String token = secrets.get(mapping, "accessToken");
		String clientKey = mapping.name() + "|" + baseUrl + "|" + token.hashCode();
		return clients.computeIfAbsent(clientKey, key -> CrmHttp.client()
			.baseUrl(baseUrl == null ? DEFAULT_BASE_URL : baseUrl)
			.defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.build());
	}

}
