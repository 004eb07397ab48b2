package io.contactsync.store;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An edit of a contact's own fields. Only the fields in {@code fields} change; a changed field given as
 * null is cleared. The API has checked the values; {@code phoneE164} is derived from {@code phone}.
 * {@code attributes} changes the keys it names and no others: a key given null is removed.
 */
public record ContactChanges(Set<Field> fields, String name, String email, String phone, String phoneE164,
		String notes, List<String> tags, Map<String, String> attributes) {

	public enum Field {
		NAME, EMAIL, PHONE, NOTES, TAGS, ATTRIBUTES
	}

	public ContactChanges {
		attributes = attributes == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
	}

	public ContactChanges(Set<Field> fields, String name, String email, String phone, String phoneE164, String notes,
			List<String> tags) {
		this(fields, name, email, phone, phoneE164, notes, tags, Map.of());
	}

	public boolean has(Field field) {
		return fields.contains(field);
	}

	/** The attributes given a value. */
	public Map<String, String> setAttributes() {
		Map<String, String> set = new LinkedHashMap<>();
		attributes.forEach((key, value) -> {
			if (value != null) {
				set.put(key, value);
			}
		});
		return set;
	}

	/** The attributes given null. */
	public List<String> removedAttributes() {
		return attributes.entrySet().stream().filter(entry -> entry.getValue() == null).map(Map.Entry::getKey).toList();
	}

	/**
	 * What the person edited, as contact.edited_fields keeps it: "name", ..., and "attributes.<key>" for each
	 * attribute, so that a capture never refills what a person set or removed.
	 */
	public List<String> editedFields() {
		List<String> edited = new ArrayList<>();
		for (Field field : fields) {
			if (field != Field.ATTRIBUTES) {
				edited.add(field.name().toLowerCase());
			}
		}
		attributes.keySet().forEach(key -> edited.add("attributes." + key));
		return edited;
	}
}
