package io.contactsync.crm;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import java.util.function.UnaryOperator;

/**
 * What a CRM stub holds, by the CRM's own record id, as its upserts and updates leave it. An upsert finds the
 * record whose key field holds the key (as the CRM compares it) and merges its fields in, or creates one with a
 * new id; an update by id changes only a record the stub holds, and may change its key (an email edited in the
 * store). An empty or null value clears a field, as each vendor's own clearing value does.
 */
class StubRecords {

	private record Held(String keyField, Map<String, String> fields) {

		String key() {
			return fields.get(keyField);
		}
	}

	private final Map<String, Held> byId = new LinkedHashMap<>();

	private final AtomicLong nextId;

	private final LongFunction<String> idFormat;

	private final UnaryOperator<String> keyForm;

	/**
	 * @param idFormat how the CRM writes its n-th id, counting from {@code firstId}
	 * @param keyForm  how the CRM compares key values (Zoho ignores case; HubSpot and Salesforce do not)
	 */
	StubRecords(long firstId, LongFunction<String> idFormat, UnaryOperator<String> keyForm) {
		this.nextId = new AtomicLong(firstId);
		this.idFormat = idFormat;
		this.keyForm = keyForm;
	}

	/** Creates or updates the record whose {@code keyField} holds {@code key}; true when it created it. */
	synchronized boolean upsert(String keyField, String key, Map<String, String> values) {
		String id = id(key);
		if (id != null) {
			merge(byId.get(id), values);
			return false;
		}
		Held held = new Held(keyField, new LinkedHashMap<>());
		held.fields().put(keyField, key);
		merge(held, values);
		byId.put(idFormat.apply(nextId.getAndIncrement()), held);
		return true;
	}

	/** Updates the record with this id; false when the stub holds none (deleted in the CRM, or never made). */
	synchronized boolean update(String id, Map<String, String> values) {
		Held held = byId.get(id);
		if (held == null) {
			return false;
		}
		merge(held, values);
		return true;
	}

	private static void merge(Held held, Map<String, String> values) {
		values.forEach((field, value) -> {
			if (value == null || value.isEmpty()) {
				held.fields().remove(field);
			}
			else {
				held.fields().put(field, value);
			}
		});
	}

	/** Forgets the record with this CRM id; its key, or null when there was none. */
	synchronized String removeById(String id) {
		Held held = byId.remove(id);
		return held == null ? null : held.key();
	}

	/** A snapshot of the fields of every record, by its key's value (as the CRM compares it). */
	synchronized Map<String, Map<String, String>> fields() {
		Map<String, Map<String, String>> fields = new LinkedHashMap<>();
		byId.values().forEach(held -> fields.put(keyForm.apply(Objects.toString(held.key(), "")),
				Map.copyOf(held.fields())));
		return fields;
	}

	/** The fields of the record with this id, or null. */
	synchronized Map<String, String> byId(String id) {
		Held held = byId.get(id);
		return held == null ? null : Map.copyOf(held.fields());
	}

	/** The id of the record whose key is this value, or null. */
	synchronized String id(String key) {
		String wanted = keyForm.apply(Objects.toString(key, ""));
		return byId.entrySet().stream()
			.filter(entry -> wanted.equals(keyForm.apply(Objects.toString(entry.getValue().key(), ""))))
			.map(Map.Entry::getKey).findFirst().orElse(null);
	}

	synchronized void clear() {
		byId.clear();
	}
}
