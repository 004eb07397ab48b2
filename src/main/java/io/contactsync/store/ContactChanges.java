package io.contactsync.store;

import java.util.List;
import java.util.Set;

/**
 * An edit of a contact's own fields. Only the fields in {@code fields} change; a changed field given as
 * null is cleared. The API has checked the values; {@code phoneE164} is derived from {@code phone}.
 */
public record ContactChanges(Set<Field> fields, String name, String email, String phone, String phoneE164,
		String notes, List<String> tags) {

	public enum Field {
		NAME, EMAIL, PHONE, NOTES, TAGS
	}

	public boolean has(Field field) {
		return fields.contains(field);
	}
}
