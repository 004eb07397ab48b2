package io.contactsync.crm.salesforce;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.sforce.soap.partner.MergeRequest;
import com.sforce.soap.partner.MergeResult;
import com.sforce.soap.partner.sobject.SObject;
import io.contactsync.crm.CrmMapping;
import io.contactsync.crm.CrmMerge;
import io.contactsync.crm.PushResult;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code merge()} of two Leads or two Contacts: the master record keeps its values, the other is deleted and what
 * hung on it (activities, campaign members, cases) moves to the master. A record already deleted (merged by a run
 * that was killed before it recorded so, or deleted by sales) answers ENTITY_IS_DELETED or
 * INVALID_CROSS_REFERENCE_KEY for either record: a {@code retrieve()} of the master tells whether it is the
 * master ({@link CrmMerge.Result#SURVIVOR_MISSING}) or the other ({@link PushResult#RECORD_MISSING}).
 */
final class SalesforceMerge {

	private static final Set<String> GONE = Set.of("ENTITY_IS_DELETED", "INVALID_CROSS_REFERENCE_KEY");

	private final SalesforceCalls calls;

	private final JsonMapper json;

	SalesforceMerge(SalesforceCalls calls, JsonMapper json) {
		this.calls = calls;
		this.json = json;
	}

	String requestBody(CrmMapping mapping, CrmMerge merge) {
		Map<String, Object> call = new LinkedHashMap<>();
		call.put("call", "merge");
		call.put("masterRecord", Map.of("type", mapping.object(), "Id", merge.survivorCrmId()));
		call.put("recordToMergeIds", List.of(merge.mergedCrmId()));
		return json.writeValueAsString(call);
	}

	CrmMerge.Result merge(CrmMapping mapping, CrmMerge merge) {
		SObject master = new SObject(mapping.object());
		master.setId(merge.survivorCrmId());
		MergeRequest request = new MergeRequest();
		request.setMasterRecord(master);
		request.setRecordToMergeIds(new String[] { merge.mergedCrmId() });
		MergeResult[] answered = calls.send(mapping, connection -> connection.merge(new MergeRequest[] { request }));
		if (answered == null || answered.length == 0) {
			return CrmMerge.Result.failed("NO_RESULT", "Salesforce returned no result for this merge");
		}
		MergeResult result = answered[0];
		if (result.isSuccess()) {
			return CrmMerge.Result.ok(result.getId() == null ? merge.survivorCrmId() : result.getId());
		}
		com.sforce.soap.partner.Error[] errors = result.getErrors();
		String code = errors.length == 0 || errors[0].getStatusCode() == null ? "ERROR" : errors[0].getStatusCode().name();
		String message = errors.length == 0 ? "" : errors[0].getMessage();
		if (!GONE.contains(code)) {
			return CrmMerge.Result.failed(code, message);
		}
		return CrmMerge.Result.failed(holds(mapping, merge.survivorCrmId()) ? PushResult.RECORD_MISSING
				: CrmMerge.Result.SURVIVOR_MISSING, message);
	}

	/** Whether Salesforce still holds the record: {@code retrieve()} answers null for one deleted. */
	private boolean holds(CrmMapping mapping, String id) {
		SObject[] found = calls.send(mapping, connection -> connection.retrieve("Id", mapping.object(),
				new String[] { id }));
		return found != null && found.length > 0 && found[0] != null;
	}
}
