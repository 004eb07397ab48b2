package io.contactsync.capture;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;

import io.contactsync.store.StorableText;
import tools.jackson.databind.JsonNode;

/**
 * The attributes a capture gives a contact (a Chatwoot contact's custom attributes, a form's fields, the
 * visitor's locale): plain values as text, under keys a dedup rule or a mapping can name as
 * {@code attributes.<key>}. Limits keep one chatty channel from filling a profile: at most {@link #MAX_KEYS} keys of
 * at most {@link #MAX_KEY} characters, values cut at {@link #MAX_VALUE}. What passes a limit is a warning, never a
 * failure.
 */
public final class CaptureAttributes {

	public static final int MAX_KEYS = 50;

	public static final int MAX_KEY = 64;

	public static final int MAX_VALUE = 1000;

	private CaptureAttributes() {
	}

	/**
	 * The plain values of a JSON object (text, numbers, true/false) by key, prefixed with {@code prefix}; nested
	 * objects and lists are passed over with a warning, blanks and nulls silently.
	 */
	public static Map<String, String> of(JsonNode object, String prefix, String path, List<FieldWarning> warnings) {
		Map<String, String> values = new LinkedHashMap<>();
		if (object == null || !object.isObject()) {
			return values;
		}
		for (Entry<String, JsonNode> entry : object.properties()) {
			JsonNode value = entry.getValue();
			if (value.isString() || value.isNumber() || value.isBoolean()) {
				String text = value.asString();
				if (!text.isBlank()) {
					values.put(prefix + entry.getKey(), text.strip());
				}
			}
			else if (value.isContainer()) {
				warnings.add(new FieldWarning(path + "." + Skipped.key(entry.getKey()),
						"not a plain value (an object or a list); passed over"));
			}
		}
		return values;
	}

	/** The attributes within the limits, cleaned of what PostgreSQL cannot store. */
	public static Map<String, String> checked(Map<String, String> given, List<FieldWarning> warnings) {
		if (given.isEmpty()) {
			return given;
		}
		Map<String, String> checked = new LinkedHashMap<>();
		int dropped = 0;
		for (Entry<String, String> entry : given.entrySet()) {
			String key = StorableText.clean(entry.getKey()).strip();
			String field = "attributes." + Skipped.key(key);
			if (key.isEmpty() || key.length() > MAX_KEY) {
				warnings.add(new FieldWarning("attributes", "a key " + (key.isEmpty() ? "that is blank"
						: "longer than " + MAX_KEY + " characters") + "; dropped"));
				continue;
			}
			if (checked.size() == MAX_KEYS) {
				dropped++;
				continue;
			}
			String value = entry.getValue();
			if (!StorableText.isStorable(value)) {
				warnings.add(new FieldWarning(field, StorableText.problem(value).orElseThrow() + "; removed"));
				value = StorableText.clean(value);
			}
			if (value.length() > MAX_VALUE) {
				warnings.add(new FieldWarning(field, "longer than " + MAX_VALUE + " characters; cut"));
				value = StorableText.truncate(value, MAX_VALUE);
			}
			checked.put(key, value);
		}
		if (dropped > 0) {
			warnings.add(new FieldWarning("attributes", "more than " + MAX_KEYS + " keys; " + dropped + " dropped"));
		}
		return checked;
	}
}
