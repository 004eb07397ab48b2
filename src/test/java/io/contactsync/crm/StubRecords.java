package io.contactsync.crm;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/**
 * What a CRM stub holds, as an upsert by key leaves it: each record's fields and the CRM's id for it, by
 * the key's value. The first upsert of a key creates the record with a new id; later ones merge their
 * fields into it and keep the id.
 */
class StubRecords {

	private final Map<String, Map<String, String>> fields = new ConcurrentHashMap<>();

	private final Map<String, String> ids = new ConcurrentHashMap<>();

	private final AtomicLong nextId;

	private final LongFunction<String> idFormat;

	/** @param idFormat how the CRM writes its n-th id, counting from {@code firstId} */
	StubRecords(long firstId, LongFunction<String> idFormat) {
		this.nextId = new AtomicLong(firstId);
		this.idFormat = idFormat;
	}

	/** Creates or updates the record of this key; true when it created it. */
	synchronized boolean upsert(String key, Map<String, String> values) {
		boolean created = !ids.containsKey(key);
		ids.computeIfAbsent(key, k -> idFormat.apply(nextId.getAndIncrement()));
		fields.merge(key, values, (old, fresh) -> {
			Map<String, String> merged = new LinkedHashMap<>(old);
			merged.putAll(fresh);
			return merged;
		});
		return created;
	}

	/** Forgets the record with this CRM id; its key, or null when there was none. */
	synchronized String removeById(String id) {
		String key = ids.entrySet().stream().filter(entry -> entry.getValue().equals(id)).map(Map.Entry::getKey)
			.findFirst().orElse(null);
		if (key != null) {
			ids.remove(key);
			fields.remove(key);
		}
		return key;
	}

	/** Fields by key. */
	Map<String, Map<String, String>> fields() {
		return fields;
	}

	String id(String key) {
		return ids.get(key);
	}

	void clear() {
		fields.clear();
		ids.clear();
	}
}
