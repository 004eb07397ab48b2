package io.contactsync.crm.salesforce;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.sforce.soap.partner.SaveResult;
import com.sforce.soap.partner.sobject.SObject;
import io.contactsync.crm.ActivityFormat;
import io.contactsync.crm.ActivityResult;
import io.contactsync.crm.CrmActivity;
import io.contactsync.crm.CrmField;
import io.contactsync.crm.CrmMapping;
import io.contactsync.crm.DeleteResult;
import tools.jackson.databind.json.JsonMapper;

/**
 * Conversations as completed Salesforce Tasks (crm-api-notes.md 2.m): {@code WhoId} the contact's Lead or Contact,
 * {@code Subject} the heading (at most 255 characters), {@code Description} the transcript as plain text (at most
 * 32,000), {@code ActivityDate} the chat's day, {@code Status} Completed, so that it sits in the record's activity
 * history rather than among open tasks. Created with {@code create()} and updated with {@code update()}, 200 a call,
 * results in input order; removed with {@code delete()} and then {@code emptyRecycleBin()}: a conversation gone from
 * the store was erased or purged, so its transcript must not wait 15 days in the bin.
 */
final class SalesforceActivities {

	static final ActivityFormat FORMAT = new ActivityFormat(false, 32_000, "Salesforce");

	private static final int MAX_SUBJECT = 255;

	/** The TaskStatus that closes a task in a standard org: the chat happened, nothing is left to do. */
	private static final String STATUS = "Completed";

	private final SalesforceCalls calls;

	private final JsonMapper json;

	SalesforceActivities(SalesforceCalls calls, JsonMapper json) {
		this.calls = calls;
		this.json = json;
	}

	String body(List<CrmActivity> activities) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("call", activities.get(0).isUpdate() ? "update" : "create");
		body.put("sObjects", activities.stream().map(SalesforceActivities::fields).toList());
		return json.writeValueAsString(body);
	}

	List<ActivityResult> push(CrmMapping mapping, List<CrmActivity> activities) {
		SObject[] tasks = activities.stream().map(SalesforceActivities::task).toArray(SObject[]::new);
		boolean updates = activities.get(0).isUpdate();
		SaveResult[] answered = calls.send(mapping, connection -> updates ? connection.update(tasks)
				: connection.create(tasks));
		List<ActivityResult> results = new ArrayList<>(activities.size());
		for (int i = 0; i < activities.size(); i++) {
			long conversation = activities.get(i).conversationId();
			if (answered == null || answered.length != activities.size()) {
				results.add(ActivityResult.failed(conversation, "NO_RESULT", "Salesforce's results could not be"
						+ " matched to the " + activities.size() + " tasks sent"));
			}
			else {
				results.add(saved(conversation, answered[i]));
			}
		}
		return results;
	}

	List<CrmField> describe(CrmMapping mapping) {
		return SalesforceSchema.fields(calls.send(mapping, connection -> connection.describeSObject("Task")));
	}

	List<DeleteResult> delete(CrmMapping mapping, List<String> crmIds) {
		String[] ids = crmIds.toArray(String[]::new);
		List<DeleteResult> deleted = SalesforceResults.deleted(crmIds, calls.send(mapping, c -> c.delete(ids)));
		String[] binned = deleted.stream().filter(DeleteResult::deleted).map(DeleteResult::crmId).toArray(String[]::new);
		if (binned.length == 0) {
			return deleted;
		}
		Map<String, DeleteResult> emptied = new LinkedHashMap<>();
		SalesforceResults.emptied(List.of(binned), calls.send(mapping, c -> c.emptyRecycleBin(binned)))
			.forEach(result -> emptied.put(result.crmId(), result));
		return deleted.stream().map(result -> emptied.getOrDefault(result.crmId(), result)).toList();
	}

	private static ActivityResult saved(long conversation, SaveResult result) {
		if (result.isSuccess() && result.getId() != null) {
			return ActivityResult.ok(conversation, result.getId());
		}
		com.sforce.soap.partner.Error[] errors = result.getErrors();
		if (errors == null || errors.length == 0) {
			return ActivityResult.failed(conversation, "ERROR", "Salesforce refused the task without saying why");
		}
		String code = errors[0].getStatusCode() == null ? "ERROR" : errors[0].getStatusCode().name();
		return ActivityResult.failed(conversation, code, errors[0].getMessage() == null ? "" : errors[0].getMessage());
	}

	/** The Task fields a create writes, with the value each always takes (null: the chat's). */
	static Map<String, String> written() {
		Map<String, String> written = new LinkedHashMap<>();
		written.put("WhoId", null);
		written.put("Subject", null);
		written.put("Description", null);
		written.put("ActivityDate", null);
		written.put("Status", STATUS);
		return written;
	}

	private static Map<String, String> fields(CrmActivity activity) {
		Map<String, String> fields = new LinkedHashMap<>();
		if (activity.isUpdate()) {
			fields.put("Id", activity.crmId());
		}
		String subject = activity.title();
		written().forEach((name, value) -> fields.put(name, switch (name) {
			case "WhoId" -> activity.isUpdate() ? null : activity.parentCrmId();
			case "Subject" -> subject.length() > MAX_SUBJECT ? subject.substring(0, MAX_SUBJECT - 1) + "…" : subject;
			case "Description" -> activity.body();
			case "ActivityDate" -> activity.startedAt().atOffset(ZoneOffset.UTC).toLocalDate().toString();
			default -> value;
		}));
		fields.values().removeIf(java.util.Objects::isNull);
		return fields;
	}

	private static SObject task(CrmActivity activity) {
		SObject task = new SObject();
		task.setType("Task");
		fields(activity).forEach(task::setField);
		return task;
	}
}
