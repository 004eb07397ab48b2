package io.contactsync.crm.zoho;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.contactsync.crm.CrmMapping;
import io.contactsync.crm.CrmUnavailableException;
import io.contactsync.crm.DeleteResult;
import org.springframework.http.HttpHeaders;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Removals from Zoho. {@code DELETE {module}?ids=} moves records to the recycle bin, where they can be restored
 * for 60 days, so an erasure then deletes them from the bin too ({@code DELETE settings/recycle_bin?ids=}, which
 * needs the scope {@code ZohoCRM.settings.recycle_bin.DELETE}). Both take at most 100 ids and answer per id; an id
 * Zoho does not know (INVALID_DATA) is already gone. When the bin refuses (the scope or the profile is missing)
 * the records are in the bin and their links fail with Zoho's code, to be tried again next run.
 */
final class ZohoRemoval {

	/** Ids per delete call that Zoho accepts. */
	static final int MAX_IDS = 100;

	private final ZohoCalls calls;

	private final RestClient client;

	private final JsonMapper json;

	ZohoRemoval(ZohoCalls calls, RestClient client, JsonMapper json) {
		this.calls = calls;
		this.client = client;
		this.json = json;
	}

	int batchSize(CrmMapping mapping) {
		return Math.min(MAX_IDS, mapping.batchSize());
	}

	/** Zoho's deletes have no body: the calls as JSON, their ids as they go in the query string. */
	String requestBody(CrmMapping mapping, List<String> crmIds, boolean erase) {
		Map<String, Object> delete = new LinkedHashMap<>();
		delete.put("method", "DELETE");
		delete.put("module", mapping.object());
		delete.put("ids", crmIds);
		delete.put("wf_trigger", false);
		if (!erase) {
			return json.writeValueAsString(delete);
		}
		Map<String, Object> bin = new LinkedHashMap<>();
		bin.put("method", "DELETE");
		bin.put("path", "settings/recycle_bin");
		bin.put("ids", crmIds);
		return json.writeValueAsString(List.of(delete, bin));
	}

	/**
	 * {@code wf_trigger=false} on the module's delete, for the same reason upserts send no trigger; then, for an
	 * erasure, the records deleted go from the bin.
	 */
	List<DeleteResult> remove(CrmMapping mapping, List<String> crmIds, boolean erase) {
		return remove(mapping, mapping.object(), crmIds, erase);
	}

	/** As {@link #remove(CrmMapping, List, boolean)}, from another module than the mapping's: its Notes. */
	List<DeleteResult> remove(CrmMapping mapping, String module, List<String> crmIds, boolean erase) {
		List<DeleteResult> deleted = new ArrayList<>(crmIds.size());
		for (int from = 0; from < crmIds.size(); from += MAX_IDS) {
			List<String> batch = crmIds.subList(from, Math.min(crmIds.size(), from + MAX_IDS));
			deleted.addAll(ZohoResults.deleted(batch, send(mapping, "/crm/v8/" + ZohoConnector.encode(module)
					+ "?ids=" + ids(batch) + "&wf_trigger=false", "data")));
		}
		if (!erase) {
			return deleted;
		}
		List<String> inBin = deleted.stream().filter(DeleteResult::deleted).map(DeleteResult::crmId).toList();
		Map<String, DeleteResult> emptied = new HashMap<>();
		for (int from = 0; from < inBin.size(); from += MAX_IDS) {
			List<String> batch = inBin.subList(from, Math.min(inBin.size(), from + MAX_IDS));
			emptyFromBin(mapping, batch).forEach(result -> emptied.put(result.crmId(), result));
		}
		return deleted.stream().map(result -> emptied.getOrDefault(result.crmId(), result)).toList();
	}

	private List<DeleteResult> emptyFromBin(CrmMapping mapping, List<String> batch) {
		try {
			return ZohoResults.deleted(batch, send(mapping, "/crm/v8/settings/recycle_bin?ids=" + ids(batch),
					"recycle_bin"));
		}
		catch (CrmUnavailableException refused) {
			return batch.stream().map(id -> DeleteResult.failed(id, "RECYCLE_BIN", "deleted, but left in Zoho's "
					+ "recycle bin for 60 days: " + refused.getMessage() + "; the token needs the scope "
					+ "ZohoCRM.settings.recycle_bin.DELETE")).toList();
		}
	}

	private JsonNode send(CrmMapping mapping, String pathAndQuery, String answerField) {
		return calls.send(mapping, (base, authorization) -> client.delete()
			.uri(URI.create(base + pathAndQuery))
			.header(HttpHeaders.AUTHORIZATION, authorization)
			.exchange((request, answer) -> ZohoResponse.read(answer, json), true), answerField).body().path(answerField);
	}

	private static String ids(List<String> batch) {
		return String.join(",", batch.stream().map(ZohoConnector::encode).toList());
	}
}
