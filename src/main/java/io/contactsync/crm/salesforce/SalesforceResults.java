package io.contactsync.crm.salesforce;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;

import com.sforce.soap.partner.EmptyRecycleBinResult;
import com.sforce.soap.partner.UpsertResult;
import io.contactsync.crm.CrmRecord;
import io.contactsync.crm.DeleteResult;
import io.contactsync.crm.PushResult;

/**
 * Salesforce's per-record answers read into push and delete results. They come back in input order and carry
 * neither the external id nor the record's index, so they are matched by position, and only when there is
 * exactly one per record sent.
 */
final class SalesforceResults {

	/** Status codes of a delete (or an emptyRecycleBin) that say the record is already gone (for good). */
	private static final Set<String> ALREADY_GONE = Set.of("ENTITY_IS_DELETED", "INVALID_CROSS_REFERENCE_KEY");

	private SalesforceResults() {
	}

	/**
	 * One result per record, by position, in which Salesforce answers. When the count differs nothing can be
	 * matched safely and every record fails; the next run sends them again, which an upsert by external id
	 * makes harmless.
	 */
	static List<PushResult> upserted(List<CrmRecord> records, UpsertResult[] answered) {
		if (answered == null || answered.length != records.size()) {
			String message = "Salesforce's " + (answered == null ? 0 : answered.length)
					+ " results could not be matched to the " + records.size() + " records sent";
			return records.stream().map(record -> PushResult.failed(record.contactId(), "NO_RESULT", message)).toList();
		}
		List<PushResult> results = new ArrayList<>(records.size());
		for (int i = 0; i < answered.length; i++) {
			results.add(upserted(records.get(i).contactId(), answered[i]));
		}
		return results;
	}

	/** One result per id of a delete, by position; an id already deleted or unknown counts as deleted. */
	static List<DeleteResult> deleted(List<String> batch, com.sforce.soap.partner.DeleteResult[] answered) {
		return removed(batch, answered, answered == null ? 0 : answered.length,
				i -> answered[i].isSuccess(), i -> answered[i].getErrors());
	}

	/** One result per id of an emptyRecycleBin, by position; an id already gone for good counts as removed. */
	static List<DeleteResult> emptied(List<String> batch, EmptyRecycleBinResult[] answered) {
		return removed(batch, answered, answered == null ? 0 : answered.length,
				i -> answered[i].isSuccess(), i -> answered[i].getErrors());
	}

	private static List<DeleteResult> removed(List<String> batch, Object answered, int count,
			IntPredicate success, IntFunction<com.sforce.soap.partner.Error[]> errors) {
		List<DeleteResult> results = new ArrayList<>(batch.size());
		for (int i = 0; i < batch.size(); i++) {
			if (answered == null || count != batch.size()) {
				results.add(DeleteResult.failed(batch.get(i), "NO_RESULT", "Salesforce's " + count
						+ " results could not be matched to the " + batch.size() + " ids sent"));
			}
			else {
				results.add(success.test(i) ? DeleteResult.ok(batch.get(i)) : refused(batch.get(i), errors.apply(i)));
			}
		}
		return results;
	}

	private static PushResult upserted(long contactId, UpsertResult result) {
		if (result.isSuccess() && result.getId() != null) {
			PushResult.Outcome outcome = result.isCreated() ? PushResult.Outcome.CREATED : PushResult.Outcome.UPDATED;
			return new PushResult(contactId, outcome, result.getId(), null, null);
		}
		com.sforce.soap.partner.Error[] errors = result.getErrors();
		if (errors == null || errors.length == 0) {
			return PushResult.failed(contactId, "ERROR", "Salesforce refused the record without saying why");
		}
		com.sforce.soap.partner.Error first = errors[0];
		String code = first.getStatusCode() == null ? "ERROR" : first.getStatusCode().name();
		return PushResult.failed(contactId, code, first.getMessage() == null ? "" : first.getMessage());
	}

	private static DeleteResult refused(String id, com.sforce.soap.partner.Error[] errors) {
		if (errors == null || errors.length == 0) {
			return DeleteResult.failed(id, "ERROR", "Salesforce refused the delete without saying why");
		}
		String code = errors[0].getStatusCode() == null ? "ERROR" : errors[0].getStatusCode().name();
		if (ALREADY_GONE.contains(code)) {
			return DeleteResult.ok(id);
		}
		return DeleteResult.failed(id, code, errors[0].getMessage() == null ? "" : errors[0].getMessage());
	}
}
