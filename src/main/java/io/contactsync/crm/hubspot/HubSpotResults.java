package io.contactsync.crm.hubspot;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.contactsync.crm.CrmMapping;
import io.contactsync.crm.CrmRecord;
import io.contactsync.crm.PushResult;
import tools.jackson.databind.JsonNode;

/**
 * A batch answer matched back to the contacts, never by position: by {@code objectWriteTraceId} (the contact id)
 * where HubSpot returns it, else by the record's id (updates) or by the match key's value (upserts). An error whose
 * category says the record is gone ({@code OBJECT_NOT_FOUND}, with the ids in its context) is
 * {@link PushResult#RECORD_MISSING}.
 */
final class HubSpotResults {

	private final Map<String, Long> byTrace = new HashMap<>();

	private final Map<String, Long> byId = new HashMap<>();

	private final Map<String, Long> byKey = new HashMap<>();

	private final List<CrmRecord> records;

	private HubSpotResults(List<CrmRecord> records) {
		this.records = records;
		for (CrmRecord record : records) {
			byTrace.put(Long.toString(record.contactId()), record.contactId());
			if (record.crmId() != null) {
				byId.put(record.crmId(), record.contactId());
			}
			if (record.key() != null) {
				byKey.put(record.key().toLowerCase(), record.contactId());
			}
		}
	}

	static List<PushResult> of(CrmMapping mapping, List<CrmRecord> records, JsonNode body) {
		return new HubSpotResults(records).match(mapping, body);
	}

	private List<PushResult> match(CrmMapping mapping, JsonNode body) {
		Map<Long, PushResult> results = new LinkedHashMap<>();
		for (JsonNode result : body.path("results")) {
			Long contactId = contactOf(result.path("objectWriteTraceId").asString(null), result.path("id").asString(null),
					result.path("properties").path(mapping.matchKey()).asString(null));
			if (contactId != null) {
				boolean created = result.path("new").asBoolean(false);
				results.put(contactId, new PushResult(contactId, created ? PushResult.Outcome.CREATED
						: PushResult.Outcome.UPDATED, result.path("id").asString(null), null, null));
			}
		}
		for (JsonNode error : body.path("errors")) {
			boolean missing = "OBJECT_NOT_FOUND".equals(error.path("category").asString(""));
			String code = missing ? PushResult.RECORD_MISSING : HubSpotResponse.errorCode(error);
			for (Long contactId : contactsOf(error.path("context"))) {
				results.put(contactId, PushResult.failed(contactId, code, error.path("message").asString("")));
			}
		}
		for (CrmRecord record : records) {
			results.computeIfAbsent(record.contactId(),
					id -> PushResult.failed(id, "NO_RESULT", "HubSpot returned no result for this record"));
		}
		return new ArrayList<>(results.values());
	}

	private Long contactOf(String trace, String id, String key) {
		if (trace != null && byTrace.containsKey(trace)) {
			return byTrace.get(trace);
		}
		if (id != null && byId.containsKey(id)) {
			return byId.get(id);
		}
		return key == null ? null : byKey.get(key.toLowerCase());
	}

	private List<Long> contactsOf(JsonNode context) {
		List<Long> contacts = new ArrayList<>();
		context.path("objectWriteTraceId").forEach(trace -> add(contacts, byTrace.get(trace.asString(""))));
		context.path("ids").forEach(id -> add(contacts, byId.get(id.asString(""))));
		return contacts;
	}

	private static void add(List<Long> contacts, Long contactId) {
		if (contactId != null && !contacts.contains(contactId)) {
			contacts.add(contactId);
		}
	}
}
