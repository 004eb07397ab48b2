package io.contactsync.crm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import tools.jackson.databind.JsonNode;

/**
 * Notes as the Zoho stub keeps them (crm-api-notes.md 3.s): {@code POST Notes} creates each note on its
 * {@code Parent_Id}, refusing as Zoho does a missing {@code Note_Content} or {@code Parent_Id} (MANDATORY_NOT_FOUND),
 * a parent module other than Leads or Contacts (INVALID_MODULE), a parent record it does not hold and a field Notes
 * lack (INVALID_DATA with the field's api_name); {@code PUT Notes} updates by id (INVALID_DATA for an id it lacks) and
 * cannot move a note to another parent. A parent deleted takes its notes with it to the recycle bin.
 */
final class ZohoNotesStub {

	/** One note: its fields, and the parent record's id. */
	record Note(Map<String, String> fields, String parentId) {
	}

	private static final List<String> FIELDS = List.of("id", "Note_Title", "Note_Content", "Parent_Id");

	private final Map<String, Note> held = new LinkedHashMap<>();

	private final AtomicLong ids = new AtomicLong(4150868000000500001L);

	private final StubRecycleBin bin;

	ZohoNotesStub(StubRecycleBin bin) {
		this.bin = bin;
	}

	Map<String, Note> all() {
		return held;
	}

	void clear() {
		held.clear();
	}

	/** The {@code data[]} answer of a create or update, in input order. */
	List<Map<String, Object>> write(JsonNode body, boolean update, Predicate<String> parentHeld) {
		List<Map<String, Object>> data = new ArrayList<>();
		int index = 0;
		for (JsonNode input : body.path("data")) {
			data.add(save(input, index++, update, parentHeld));
		}
		return data;
	}

	private Map<String, Object> save(JsonNode input, int index, boolean update, Predicate<String> parentHeld) {
		for (String name : input.propertyNames()) {
			if (!FIELDS.contains(name) || update && name.equals("Parent_Id")) {
				return ZohoStub.error("INVALID_DATA", "invalid data", name, index);
			}
		}
		String id = input.path("id").asString("");
		if (update && !held.containsKey(id)) {
			return ZohoStub.error("INVALID_DATA", "the id given seems to be invalid", "id", index);
		}
		JsonNode parent = input.path("Parent_Id");
		if (!update && (input.path("Note_Content").asString("").isEmpty())) {
			return ZohoStub.error("MANDATORY_NOT_FOUND", "required field not found", "Note_Content", index);
		}
		if (!update && parent.isMissingNode()) {
			return ZohoStub.error("MANDATORY_NOT_FOUND", "required field not found", "Parent_Id", index);
		}
		if (!update && !List.of("Leads", "Contacts").contains(parent.path("module").path("api_name").asString(""))) {
			return ZohoStub.error("INVALID_MODULE", "the module name given seems to be invalid", "Parent_Id", index);
		}
		if (!update && !parentHeld.test(parent.path("id").asString(""))) {
			return ZohoStub.error("INVALID_DATA", "the related id given seems to be invalid", "Parent_Id", index);
		}
		if (!update) {
			id = Long.toString(ids.getAndIncrement());
			held.put(id, new Note(new LinkedHashMap<>(), parent.path("id").asString()));
		}
		Map<String, String> fields = held.get(id).fields();
		input.properties().forEach(field -> {
			if (!field.getKey().equals("Parent_Id") && !field.getKey().equals("id")) {
				fields.put(field.getKey(), field.getValue().asString());
			}
		});
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("code", "SUCCESS");
		result.put("details", Map.of("Modified_Time", "2026-01-05T10:00:00+00:00", "id", id,
				"Created_Time", "2026-01-05T10:00:00+00:00"));
		result.put("message", update ? "record updated" : "record added");
		result.put("status", "success");
		return result;
	}

	/** Whether the note was held, and is now in the recycle bin. */
	boolean delete(String id) {
		if (held.remove(id) == null) {
			return false;
		}
		bin.put(id);
		return true;
	}

	/** A Lead or Contact deleted: its notes go to the recycle bin with it. */
	void parentDeleted(String parentId) {
		held.entrySet().removeIf(note -> {
			boolean child = parentId.equals(note.getValue().parentId());
			if (child) {
				bin.put(note.getKey());
			}
			return child;
		});
	}
}
