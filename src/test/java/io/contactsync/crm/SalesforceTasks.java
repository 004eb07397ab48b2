package io.contactsync.crm;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Tasks as the Salesforce stub keeps them (crm-api-notes.md 2.m): {@code create()} and {@code update()} of Task
 * SObjects, refusing per record as Salesforce does a {@code WhoId} that is no Lead or Contact held
 * (INVALID_CROSS_REFERENCE_KEY, ENTITY_IS_DELETED when it is in the Recycle Bin), a Subject over 255 or a
 * Description over 32,000 characters (STRING_TOO_LONG), a Status that is not a TaskStatus value
 * (INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST) and an update of a task it does not hold; a field Task lacks faults
 * the call. {@code delete()} of a task moves it to the Recycle Bin; deleting a Lead or Contact takes its tasks
 * with it, and a merge re-parents the merged records' tasks to the master, as Salesforce does.
 */
final class SalesforceTasks {

	private static final List<String> FIELDS = List.of("Id", "WhoId", "WhatId", "Subject", "Description",
			"ActivityDate", "Status", "Priority", "OwnerId");

	private static final List<String> STATUSES = List.of("Not Started", "In Progress", "Completed",
			"Waiting on someone else", "Deferred");

	/** Task's fields as describeSObject("Task") shows them to the integration user. */
	private static final List<StubSchema.Field> TASK = List.of(StubSchema.Field.text("Id").typed("id").readOnly(),
			StubSchema.Field.text("WhoId").typed("reference"), StubSchema.Field.text("WhatId").typed("reference"),
			StubSchema.Field.text("Subject").typed("combobox"), StubSchema.Field.text("Description").typed("textarea"),
			StubSchema.Field.text("ActivityDate").typed("date"),
			StubSchema.Field.picklist("Status", "picklist", STATUSES.toArray(String[]::new)).asRequired(),
			StubSchema.Field.picklist("Priority", "picklist", "High", "Normal", "Low").asRequired(),
			StubSchema.Field.text("OwnerId").typed("reference"));

	private final StubSchema schema = new StubSchema(TASK, true);

	private final Map<String, Map<String, String>> held = new LinkedHashMap<>();

	private final AtomicLong ids = new AtomicLong(1);

	private final StubRecycleBin bin;

	SalesforceTasks(StubRecycleBin bin) {
		this.bin = bin;
	}

	/** Every task held, fields by id. */
	Map<String, Map<String, String>> all() {
		return held;
	}

	/** Task's fields in the org, which a test may change as an admin would. */
	StubSchema schema() {
		return schema;
	}

	void clear() {
		held.clear();
		ids.set(1);
		schema.reset();
	}

	static boolean isTask(String id) {
		return id.startsWith("00T");
	}

	/** The unknown field of these SObjects, which faults the whole call; null when there is none. */
	static String unknownField(NodeList sObjects, String sObjectNamespace) {
		for (int i = 0; i < sObjects.getLength(); i++) {
			for (Node child = sObjects.item(i).getFirstChild(); child != null; child = child.getNextSibling()) {
				if (child instanceof Element field && sObjectNamespace.equals(field.getNamespaceURI())
						&& !field.getLocalName().equals("type") && !FIELDS.contains(field.getLocalName())) {
					return field.getLocalName();
				}
			}
		}
		return null;
	}

	/** One {@code <result>} of a create or update, saving the task when Salesforce would. */
	String save(Map<String, String> fields, boolean update, Predicate<String> parentHeld) {
		String id = fields.get("Id");
		if (update && (id == null || !held.containsKey(id))) {
			return bin.holds(Objects.toString(id)) ? error("entity is deleted", "ENTITY_IS_DELETED")
					: error("invalid cross reference id", "INVALID_CROSS_REFERENCE_KEY");
		}
		String who = fields.get("WhoId");
		if (who != null && !parentHeld.test(who)) {
			return bin.holds(who) ? error("entity is deleted", "ENTITY_IS_DELETED")
					: error("WhoId: id value of incorrect type: " + who, "INVALID_CROSS_REFERENCE_KEY");
		}
		if (fields.getOrDefault("Subject", "").length() > 255 || fields.getOrDefault("Description", "").length() > 32_000) {
			return error("data value too large", "STRING_TOO_LONG");
		}
		if (fields.containsKey("Status") && !STATUSES.contains(fields.get("Status"))) {
			return error("Status: bad value for restricted picklist field: " + fields.get("Status"),
					"INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST");
		}
		if (!update) {
			id = String.format("00T5g00000%05dAAA", ids.getAndIncrement());
			held.put(id, new LinkedHashMap<>(Map.of("Status", "Not Started", "Priority", "Normal")));
		}
		held.get(id).putAll(fields);
		held.get(id).put("Id", id);
		return "<result><id>" + id + "</id><success>true</success></result>";
	}

	/** {@code delete()} of one task id, as a {@code <result>}. */
	String delete(String id) {
		if (held.remove(id) != null) {
			bin.put(id);
			return "<result><id>" + id + "</id><success>true</success></result>";
		}
		return bin.holds(id) || bin.emptied(id) ? error("entity is deleted", "ENTITY_IS_DELETED")
				: error("invalid cross reference id", "INVALID_CROSS_REFERENCE_KEY");
	}

	/** A Lead or Contact deleted: its tasks go to the Recycle Bin with it. */
	void parentDeleted(String parentId) {
		held.entrySet().removeIf(task -> {
			boolean child = parentId.equals(task.getValue().get("WhoId"));
			if (child) {
				bin.put(task.getKey());
			}
			return child;
		});
	}

	/** A merge: the merged record's tasks now hang on the master. */
	void reparented(String mergedId, String masterId) {
		held.values().stream().filter(task -> mergedId.equals(task.get("WhoId"))).forEach(task -> task.put("WhoId", masterId));
	}

	private static String error(String message, String statusCode) {
		return "<result><errors><message>" + message + "</message><statusCode>" + statusCode
				+ "</statusCode></errors><id xsi:nil=\"true\"/><success>false</success></result>";
	}
}
