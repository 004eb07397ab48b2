package io.contactsync.crm.hubspot;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.contactsync.crm.ActivityFormat;
import io.contactsync.crm.ActivityResult;
import io.contactsync.crm.CrmActivity;
import io.contactsync.crm.CrmConnector;
import io.contactsync.crm.CrmField;
import io.contactsync.crm.CrmHttp;
import io.contactsync.crm.CrmMapping;
import io.contactsync.crm.CrmMerge;
import io.contactsync.crm.CrmRecord;
import io.contactsync.crm.CrmSecrets;
import io.contactsync.crm.CrmTarget;
import io.contactsync.crm.CrmUnavailableException;
import io.contactsync.crm.DeleteResult;
import io.contactsync.crm.PushResult;
import io.contactsync.crm.RequestPace;
import io.contactsync.crm.RetryPolicy;
import io.contactsync.policy.FileProblem;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * HubSpot's contacts batch API with a service key or private-app token: {@code batch/upsert} by the match key for
 * contacts not yet in HubSpot, {@code batch/update} by HubSpot's record id for those pushed before, so that a changed
 * email updates the same record. A cleared field goes as {@code ""}, HubSpot's way to empty a property. A batch
 * HubSpot refuses whole with 400 is split in halves until the bad records stand alone, so the rest still goes; every
 * request, halves included, takes the mapping's rate limit. With the mapping's {@code subscriptions}, the
 * statuses the records' consent sets follow the records.
 */
@Component
class HubSpotConnector implements CrmConnector {

	static final String DEFAULT_BASE_URL = "https://api.hubapi.com";

	/** Ids per batch/archive call that HubSpot accepts. */
	static final int MAX_ARCHIVE = 100;

	private final CrmSecrets secrets;

	private final JsonMapper json;

	private final RetryPolicy retries;

	private final RequestPace pace;

	private final Map<String, RestClient> clients = new ConcurrentHashMap<>();

	private final HubSpotActivities activities;

	HubSpotConnector(CrmSecrets secrets, JsonMapper json, RetryPolicy retries, RequestPace pace) {
		this.secrets = secrets;
		this.json = json;
		this.activities = new HubSpotActivities(json);
		this.retries = retries;
		this.pace = pace;
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

	/** {@code GET properties/contacts}: every property this token may read, with its type, options and flags. */
	@Override
	public List<CrmField> describe(CrmMapping mapping) {
		HubSpotResponse response = send(mapping, HubSpotPaths.of(mapping).properties(), null, false);
		if (!response.isSuccess()) {
			throw new CrmUnavailableException("HubSpot would not list the " + mapping.object() + " properties: "
					+ response.describe() + " (the token needs crm.schemas.contacts.read)", response.cause());
		}
		return HubSpotSchema.fields(response.body());
	}

	/** The mapping's subscription types against those the portal defines ({@code GET definitions}). */
	@Override
	public List<FileProblem> checkOptions(CrmMapping mapping) {
		return HubSpotSubscriptions.check(mapping, statusSender(mapping));
	}

	private HubSpotSubscriptions.Sender statusSender(CrmMapping mapping) {
		return (path, body) -> send(mapping, path, body == null ? null : json.writeValueAsString(body), false);
	}

	/** A batch is all creates (upsert by the match key) or all updates (by HubSpot's id), as the writer cuts them. */
	@Override
	public String requestBody(CrmMapping mapping, List<CrmRecord> records) {
		List<Map<String, Object>> inputs = new ArrayList<>(records.size());
		for (CrmRecord record : records) {
			Map<String, Object> input = new LinkedHashMap<>();
			if (record.isUpdate()) {
				input.put("id", record.crmId());
			}
			else {
				input.put("idProperty", mapping.matchKey());
				input.put("id", record.key());
			}
			input.put("objectWriteTraceId", Long.toString(record.contactId()));
			Map<String, String> properties = new LinkedHashMap<>(record.fields());
			record.cleared().forEach(field -> properties.put(field, ""));
			input.put("properties", properties);
			inputs.add(input);
		}
		return json.writeValueAsString(Map.of("inputs", inputs));
	}

	@Override
	public List<String> followUpBodies(CrmMapping mapping, List<CrmRecord> records) {
		return HubSpotSubscriptions.bodies(mapping, records).stream().map(json::writeValueAsString).toList();
	}

	@Override
	public List<PushResult> upsert(CrmMapping mapping, List<CrmRecord> records) {
		HubSpotPaths paths = HubSpotPaths.of(mapping);
		boolean updates = records.get(0).isUpdate();
		HubSpotResponse response = send(mapping, updates ? paths.update() : paths.upsert(),
				requestBody(mapping, records), updates);
		boolean refusedWhole = response.status() == 400 || response.status() == 404;
		if (refusedWhole && records.size() > 1) {
			List<PushResult> results = new ArrayList<>(upsert(mapping, records.subList(0, records.size() / 2)));
			results.addAll(upsert(mapping, records.subList(records.size() / 2, records.size())));
			return results;
		}
		if (response.status() == 404) {
			return List.of(PushResult.failed(records.get(0).contactId(), PushResult.RECORD_MISSING, response.message()));
		}
		if (response.status() == 400) {
			return List.of(PushResult.failed(records.get(0).contactId(), response.errorCode(), response.message()));
		}
		// Then the statuses the records' consent sets, under the same rate limit.
		return HubSpotSubscriptions.write(mapping, records, HubSpotResults.of(mapping, records, response.body()),
				statusSender(mapping));
	}

	/** One id per GDPR delete request, so that each goes under the rate limit; batch/archive takes 100. */
	@Override
	public int deleteBatchSize(CrmMapping mapping, boolean erase) {
		return erase ? 1 : Math.min(MAX_ARCHIVE, mapping.batchSize());
	}

	/**
	 * A removal: one batch/archive body; an erasure: a JSON array of the one-id GDPR delete bodies sent one by
	 * one. The id is HubSpot's record id, so no idProperty.
	 */
	@Override
	public String deleteRequestBody(CrmMapping mapping, List<String> crmIds, boolean erase) {
		if (erase) {
			return json.writeValueAsString(crmIds.stream().map(HubSpotConnector::gdprDeleteBody).toList());
		}
		return json.writeValueAsString(Map.of("inputs", crmIds.stream().map(id -> Map.of("id", id)).toList()));
	}

	/**
	 * An erasure by GDPR delete (permanent, and the address goes on the portal's blocklist) one record at a time;
	 * any other removal by batch/archive (restorable for 90 days). A 404 means HubSpot no longer holds the record:
	 * deleted.
	 */
	@Override
	public List<DeleteResult> delete(CrmMapping mapping, List<String> crmIds, boolean erase) {
		List<DeleteResult> results = new ArrayList<>(crmIds.size());
		if (erase) {
			for (String id : crmIds) {
				HubSpotResponse response = send(mapping, HubSpotPaths.of(mapping).gdprDelete(),
						json.writeValueAsString(gdprDeleteBody(id)), true);
				results.add(deleteResult(id, response));
			}
			return results;
		}
		for (int from = 0; from < crmIds.size(); from += MAX_ARCHIVE) {
			List<String> batch = crmIds.subList(from, Math.min(crmIds.size(), from + MAX_ARCHIVE));
			HubSpotResponse response = send(mapping, HubSpotPaths.of(mapping).archive(),
					deleteRequestBody(mapping, batch, false), true);
			batch.forEach(id -> results.add(deleteResult(id, response)));
		}
		return results;
	}

	@Override
	public boolean merges(CrmMapping mapping) {
		return true;
	}

	@Override
	public String mergeRequestBody(CrmMapping mapping, CrmMerge merge) {
		return json.writeValueAsString(Map.of("primaryObjectId", merge.survivorCrmId(),
				"objectIdToMerge", merge.mergedCrmId()));
	}

	/** See {@link HubSpotMerge}. */
	@Override
	public CrmMerge.Result merge(CrmMapping mapping, CrmMerge merge) {
		return HubSpotMerge.merge(mapping, merge, mergeRequestBody(mapping, merge),
				(path, body) -> send(mapping, path, body, true));
	}

	@Override
	public List<CrmField> describeActivities(CrmMapping mapping, String kind) {
		String object = HubSpotActivities.object(kind);
		HubSpotResponse response = send(mapping, HubSpotPaths.of(mapping, object).properties(), null, false);
		if (!response.isSuccess()) {
			throw new CrmUnavailableException("HubSpot would not list the " + object + " properties: "
					+ response.describe() + " (the token needs crm.objects.contacts.read)", response.cause());
		}
		return HubSpotSchema.fields(response.body());
	}

	@Override
	public Map<String, String> activityFields(String kind) {
		return HubSpotActivities.written(kind);
	}

	@Override
	public ActivityFormat activityFormat(CrmMapping mapping) {
		return HubSpotActivities.FORMAT;
	}

	@Override
	public String activityRequestBody(CrmMapping mapping, List<CrmActivity> batch) {
		return activities.body(batch);
	}

	/** See {@link HubSpotActivities}. */
	@Override
	public List<ActivityResult> pushActivities(CrmMapping mapping, List<CrmActivity> batch) {
		return activities.push(mapping, batch, (path, body) -> send(mapping, path, body, false));
	}

	@Override
	public List<DeleteResult> deleteActivities(CrmMapping mapping, String kind, List<String> crmIds) {
		return activities.delete(mapping, kind, crmIds, (path, body) -> send(mapping, path, body, true));
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

	/**
	 * Sends one request (a GET when there is no body) under the rate limit, waiting out rate limits, locks and
	 * server errors; answers 2xx or 400, and 404 when {@code notFoundAnswers} (a record HubSpot no longer holds).
	 */
	private HubSpotResponse send(CrmMapping mapping, String path, String body, boolean notFoundAnswers) {
		for (int attempt = 1;; attempt++) {
			HubSpotResponse response;
			pace.await(mapping);
			try {
				response = (body == null ? client(mapping).get().uri(path)
						: client(mapping).post().uri(path).contentType(MediaType.APPLICATION_JSON).body(body))
					.exchange((request, answer) -> HubSpotResponse.read(answer, json), true);
			}
			catch (RuntimeException unreachable) {
				response = HubSpotResponse.unreachable(unreachable);
			}
			if (response.limit() != null) {
				pace.limitSeen(mapping, response.limit());
			}
			if (response.isSuccess() || response.status() == 400 || (notFoundAnswers && response.status() == 404)) {
				return response;
			}
			if (!response.isRetryable() || !retries.mayRetry(attempt)) {
				throw new CrmUnavailableException("HubSpot refused the batch: " + response.describe(), response.cause());
			}
			Duration delay = retries.delay(attempt, response.retryAfter());
			if (response.status() == 429) {
				// Every instance pushing to this portal holds back, not only the one HubSpot answered.
				pace.backOff(mapping, delay);
			}
			else {
				retries.sleep(delay);
			}
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
