package io.contactsync.crm.salesforce;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.sforce.soap.partner.sobject.SObject;
import io.contactsync.crm.CrmMapping;
import io.contactsync.crm.DeleteResult;
import tools.jackson.databind.json.JsonMapper;

/**
 * Removals from Salesforce. {@code delete()} only moves records to the Recycle Bin, where anyone with access can
 * undelete them for 15 days, so an erasure deletes and then empties the records from the bin
 * ({@code emptyRecycleBin()}, at most 200 ids a call). An erased person's Lead that sales converted became a
 * Contact holding the same data: its id is read from the Lead's {@code ConvertedContactId} with
 * {@code queryAll()}, which also sees a Lead already in the bin (a run killed between the calls), and the Contact
 * goes with the Lead. The Account and Opportunity a conversion made describe the company and the deal; they stay.
 *
 * <p>A record already deleted, or already gone from the bin, answers ENTITY_IS_DELETED or
 * INVALID_CROSS_REFERENCE_KEY: done, so a resumed run repeats the calls harmlessly.
 */
final class SalesforceRemoval {

	/** Ids per delete() and emptyRecycleBin() call that Salesforce accepts. */
	static final int MAX_IDS = 200;

	/** A Salesforce record id, 15 or 18 characters, the only thing put into the query's text. */
	private static final Pattern RECORD_ID = Pattern.compile("[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?");

	private final SalesforceCalls calls;

	private final JsonMapper json;

	SalesforceRemoval(SalesforceCalls calls, JsonMapper json) {
		this.calls = calls;
		this.json = json;
	}

	/** An erasure of Leads may add a Contact per Lead to each call: half as many Leads then. */
	int batchSize(CrmMapping mapping, boolean erase) {
		int most = erase && isLead(mapping) ? MAX_IDS / 2 : MAX_IDS;
		return Math.min(most, mapping.batchSize());
	}

	/** The calls as JSON, for the dry-run report: the conversion lookup, the delete and the emptying. */
	String requestBody(CrmMapping mapping, List<String> crmIds, boolean erase) {
		List<Map<String, Object>> body = new ArrayList<>();
		if (erase && isLead(mapping)) {
			body.add(call("queryAll", conversions(crmIds)));
		}
		body.add(call("delete", crmIds));
		if (erase) {
			body.add(call("emptyRecycleBin", crmIds));
		}
		return json.writeValueAsString(body.size() == 1 ? body.get(0) : body);
	}

	/** One result per id, in input order; an erased Lead counts as erased once its Contact is too. */
	List<DeleteResult> remove(CrmMapping mapping, List<String> crmIds, boolean erase) {
		if (!erase) {
			return delete(mapping, crmIds);
		}
		Map<String, String> contacts = isLead(mapping) ? convertedContacts(mapping, crmIds) : Map.of();
		List<String> all = Stream.concat(crmIds.stream(), contacts.values().stream()).distinct().toList();
		Map<String, DeleteResult> byId = new HashMap<>();
		List<String> inBin = new ArrayList<>();
		for (DeleteResult result : delete(mapping, all)) {
			byId.put(result.crmId(), result);
			if (result.deleted()) {
				inBin.add(result.crmId());
			}
		}
		for (int from = 0; from < inBin.size(); from += MAX_IDS) {
			List<String> batch = inBin.subList(from, Math.min(inBin.size(), from + MAX_IDS));
			String[] ids = batch.toArray(String[]::new);
			SalesforceResults.emptied(batch, calls.send(mapping, connection -> connection.emptyRecycleBin(ids)))
				.forEach(result -> byId.put(result.crmId(), result));
		}
		return crmIds.stream().map(id -> erased(id, byId.get(id), contacts.get(id) == null ? null
				: byId.get(contacts.get(id)))).toList();
	}

	private List<DeleteResult> delete(CrmMapping mapping, List<String> crmIds) {
		List<DeleteResult> results = new ArrayList<>(crmIds.size());
		for (int from = 0; from < crmIds.size(); from += MAX_IDS) {
			List<String> batch = crmIds.subList(from, Math.min(crmIds.size(), from + MAX_IDS));
			String[] ids = batch.toArray(String[]::new);
			results.addAll(SalesforceResults.deleted(batch, calls.send(mapping, connection -> connection.delete(ids))));
		}
		return results;
	}

	/** The Contact each converted Lead became, by Lead id; Leads deleted but still in the bin included. */
	private Map<String, String> convertedContacts(CrmMapping mapping, List<String> leadIds) {
		Map<String, String> contacts = new LinkedHashMap<>();
		if (leadIds.stream().noneMatch(id -> RECORD_ID.matcher(id).matches())) {
			return contacts;
		}
		String query = conversions(leadIds);
		for (SObject lead : calls.send(mapping, connection -> connection.queryAll(query)).getRecords()) {
			Object contact = lead.getField("ConvertedContactId");
			if (contact != null && !contact.toString().isEmpty()) {
				contacts.put(lead.getId(), contact.toString());
			}
		}
		return contacts;
	}

	private static String conversions(List<String> leadIds) {
		return "SELECT Id, ConvertedContactId FROM Lead WHERE IsConverted = true AND Id IN ("
				+ leadIds.stream().filter(id -> RECORD_ID.matcher(id).matches()).map(id -> "'" + id + "'")
					.collect(Collectors.joining(","))
				+ ")";
	}

	private static DeleteResult erased(String id, DeleteResult lead, DeleteResult contact) {
		if (lead == null) {
			return DeleteResult.failed(id, "NO_RESULT", "Salesforce returned no result for this record");
		}
		if (lead.deleted() && contact != null && !contact.deleted()) {
			return DeleteResult.failed(id, contact.errorCode(), "the Contact this Lead was converted to: "
					+ contact.message());
		}
		return lead;
	}

	private static boolean isLead(CrmMapping mapping) {
		return "Lead".equalsIgnoreCase(mapping.object());
	}

	private static Map<String, Object> call(String name, Object arguments) {
		Map<String, Object> call = new LinkedHashMap<>();
		call.put("call", name);
		call.put(arguments instanceof String ? "query" : "ids", arguments);
		return call;
	}
}
