package io.contactsync.crm.salesforce;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.sforce.soap.partner.UpsertResult;
import com.sforce.soap.partner.sobject.SObject;
import io.contactsync.crm.ActivityFormat;
import io.contactsync.crm.ActivityResult;
import io.contactsync.crm.CrmActivity;
import io.contactsync.crm.CrmConnector;
import io.contactsync.crm.CrmField;
import io.contactsync.crm.CrmMapping;
import io.contactsync.crm.CrmMerge;
import io.contactsync.crm.CrmRecord;
import io.contactsync.crm.CrmSecrets;
import io.contactsync.crm.CrmTarget;
import io.contactsync.crm.DeleteResult;
import io.contactsync.crm.PushResult;
import io.contactsync.crm.RequestPace;
import io.contactsync.crm.RetryPolicy;
import org.springframework.stereotype.Component;
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

	/** The per-record status of a row another transaction held: worth sending again shortly. */
	static final String UNABLE_TO_LOCK_ROW = "UNABLE_TO_LOCK_ROW";

	/** Records per upsert() call that Salesforce accepts. */
	static final int MAX_RECORDS = 200;

	private final CrmSecrets secrets;

	private final JsonMapper json;

	private final RetryPolicy retries;

	private final SalesforceCalls calls;

	private final SalesforceRemoval removal;

	private final SalesforceMerge merges;

	private final SalesforceActivities activities;

	SalesforceConnector(CrmSecrets secrets, JsonMapper json, RetryPolicy retries, RequestPace pace) {
		this.secrets = secrets;
		this.json = json;
		this.retries = retries;
		this.calls = new SalesforceCalls(new SalesforceLogin(secrets, json, retries), retries, pace);
		this.removal = new SalesforceRemoval(calls, json);
		this.merges = new SalesforceMerge(calls, json);
		this.activities = new SalesforceActivities(calls, json);
	}

	/** {@code describeSObject} on the mapping's object, as Data Loader checks its mappings before a load. */
	@Override
	public List<CrmField> describe(CrmMapping mapping) {
		return SalesforceSchema.fields(calls.send(mapping, connection -> connection.describeSObject(mapping.object())));
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
		body.put("sObjects", records.stream().map(SalesforceConnector::shown).toList());
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
		List<PushResult> results = new ArrayList<>(SalesforceResults.upserted(batch, send(mapping, sObjects(mapping, batch))));
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
			List<PushResult> retried = SalesforceResults.upserted(again, send(mapping, sObjects(mapping, again)));
			for (int i = 0; i < locked.size(); i++) {
				results.set(locked.get(i), retried.get(i));
			}
		}
	}

	/** A record as the dry run shows it: its fields, and fieldsToNull when it clears any. */
	private static Map<String, Object> shown(CrmRecord record) {
		Map<String, Object> shown = new LinkedHashMap<>(record.fields());
		if (!record.cleared().isEmpty()) {
			shown.put("fieldsToNull", record.cleared());
		}
		return shown;
	}

	/**
	 * An empty value does not clear a Salesforce field; {@code fieldsToNull} does, for nillable fields. The
	 * external-id upsert stays the key for updates too: it is the contact's own id, which never changes.
	 */
	private static SObject[] sObjects(CrmMapping mapping, List<CrmRecord> records) {
		SObject[] sObjects = new SObject[records.size()];
		for (int i = 0; i < sObjects.length; i++) {
			SObject sObject = new SObject();
			sObject.setType(mapping.object());
			records.get(i).fields().forEach(sObject::setField);
			if (!records.get(i).cleared().isEmpty()) {
				sObject.setFieldsToNull(records.get(i).cleared().toArray(String[]::new));
			}
			sObjects[i] = sObject;
		}
		return sObjects;
	}

	/**
	 * Sends one batch, waiting out transient faults and unreachable moments; answers once Salesforce has read
	 * the records. A rejected session is replaced once without using up an attempt.
	 */
	private UpsertResult[] send(CrmMapping mapping, SObject[] sObjects) {
		return calls.send(mapping, connection -> connection.upsert(mapping.matchKey(), sObjects));
	}

	@Override
	public int deleteBatchSize(CrmMapping mapping, boolean erase) {
		return removal.batchSize(mapping, erase);
	}

	@Override
	public String deleteRequestBody(CrmMapping mapping, List<String> crmIds, boolean erase) {
		return removal.requestBody(mapping, crmIds, erase);
	}

	/** See {@link SalesforceRemoval}: to the Recycle Bin, or for an erasure out of it too. */
	@Override
	public List<DeleteResult> delete(CrmMapping mapping, List<String> crmIds, boolean erase) {
		return removal.remove(mapping, crmIds, erase);
	}

	@Override
	public boolean merges(CrmMapping mapping) {
		return true;
	}

	/** Every push upserts by the external id, the contact's own: a survivor cannot take over another's Lead. */
	@Override
	public boolean updatesById(CrmMapping mapping) {
		return false;
	}

	@Override
	public String mergeRequestBody(CrmMapping mapping, CrmMerge merge) {
		return merges.requestBody(mapping, merge);
	}

	/** See {@link SalesforceMerge}. */
	@Override
	public CrmMerge.Result merge(CrmMapping mapping, CrmMerge merge) {
		return merges.merge(mapping, merge);
	}

	@Override
	public List<CrmField> describeActivities(CrmMapping mapping, String kind) {
		return activities.describe(mapping);
	}

	@Override
	public Map<String, String> activityFields(String kind) {
		return SalesforceActivities.written();
	}

	@Override
	public ActivityFormat activityFormat(CrmMapping mapping) {
		return SalesforceActivities.FORMAT;
	}

	@Override
	public String activityRequestBody(CrmMapping mapping, List<CrmActivity> batch) {
		return activities.body(batch);
	}

	/** See {@link SalesforceActivities}. */
	@Override
	public List<ActivityResult> pushActivities(CrmMapping mapping, List<CrmActivity> batch) {
		return activities.push(mapping, batch);
	}

	@Override
	public List<DeleteResult> deleteActivities(CrmMapping mapping, String kind, List<String> crmIds) {
		return activities.delete(mapping, crmIds);
	}
}
