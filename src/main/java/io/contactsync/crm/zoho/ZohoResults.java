package io.contactsync.crm.zoho;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.contactsync.crm.CrmRecord;
import io.contactsync.crm.DeleteResult;
import io.contactsync.crm.PushResult;
import tools.jackson.databind.JsonNode;

/**
 * Zoho's {@code data[]} answers read into push and delete results. Apart from the connector because matching
 * answers to records is its own question, with its own rules for when no match is safe, and needs nothing
 * but the records sent and the JSON that came back.
 */
final class ZohoResults {

	/** Where a per-record error points: {@code $.data[3].Email}. */
	private static final Pattern RECORD_INDEX = Pattern.compile("^\\$\\.data\\[(\\d+)]");

	private ZohoResults() {
	}

	/**
	 * One result per record, by position: Zoho answers {@code data[]} in the order it was sent and names
	 * neither the key value nor the input index of a success. When the count differs, or an error's
	 * {@code json_path} points at another record than its position, nothing can be matched safely and every
	 * record fails; the next run sends them again, which an upsert by key makes harmless.
	 */
	static List<PushResult> upserted(List<CrmRecord> records, JsonNode data) {
		if (data.size() != records.size() || !inInputOrder(data)) {
			String message = "Zoho's " + data.size() + " results could not be matched to the " + records.size()
					+ " records sent";
			return records.stream().map(record -> PushResult.failed(record.contactId(), "NO_RESULT", message)).toList();
		}
		List<PushResult> results = new ArrayList<>(records.size());
		for (int i = 0; i < records.size(); i++) {
			results.add(upserted(records.get(i).contactId(), data.get(i)));
		}
		return results;
	}

	/**
	 * Matched by {@code details.id}, else by position when there is one answer per id; INVALID_DATA for an id
	 * Zoho does not know means the record is already gone: deleted.
	 */
	static List<DeleteResult> deleted(List<String> crmIds, JsonNode data) {
		Map<String, JsonNode> byId = new HashMap<>();
		for (JsonNode result : data) {
			String id = result.path("details").path("id").asString("");
			if (!id.isEmpty()) {
				byId.put(id, result);
			}
		}
		List<DeleteResult> results = new ArrayList<>(crmIds.size());
		for (int i = 0; i < crmIds.size(); i++) {
			String id = crmIds.get(i);
			JsonNode result = byId.containsKey(id) ? byId.get(id) : data.size() == crmIds.size() ? data.get(i) : null;
			results.add(deleted(id, result));
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

	private static PushResult upserted(long contactId, JsonNode result) {
		String id = result.path("details").path("id").asString(null);
		if ("success".equals(result.path("status").asString("")) && id != null) {
			PushResult.Outcome outcome = "insert".equals(result.path("action").asString(""))
					? PushResult.Outcome.CREATED : PushResult.Outcome.UPDATED;
			return new PushResult(contactId, outcome, id, null, null);
		}
		String field = result.path("details").path("api_name").asString("");
		if ("INVALID_DATA".equals(result.path("code").asString("")) && "id".equals(field)) {
			return PushResult.failed(contactId, PushResult.RECORD_MISSING, "Zoho holds no record with this id");
		}
		String message = result.path("message").asString("") + (field.isEmpty() ? "" : " (" + field + ")");
		return PushResult.failed(contactId, result.path("code").asString("ERROR"), message);
	}

	private static DeleteResult deleted(String id, JsonNode result) {
		if (result == null) {
			return DeleteResult.failed(id, "NO_RESULT", "Zoho returned no result for this record");
		}
		String code = result.path("code").asString("ERROR");
		if ("success".equals(result.path("status").asString("")) || "INVALID_DATA".equals(code)) {
			return DeleteResult.ok(id);
		}
		return DeleteResult.failed(id, code, result.path("message").asString(""));
	}
}
