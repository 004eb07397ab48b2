package io.contactsync.web;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.contactsync.api.BadRequestException;
import io.contactsync.api.ContactPatch;
import io.contactsync.store.ContactChanges;
import io.contactsync.store.ContactProfile;
import io.contactsync.store.PhoneNumbers;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The profile's edit form, as typed. It is checked by the API's own PATCH rules ({@link ContactPatch}), one field at a
 * time, so that each message can stand next to its field and the form and the API can never disagree.
 *
 * @param tags comma-separated
 */
record ContactForm(String name, String email, String phone, String notes, String tags, int version) {

	private static final List<String> FIELDS = List.of("name", "email", "phone", "notes", "tags");

	static ContactForm of(ContactProfile profile) {
		return new ContactForm(profile.name(), profile.email(), profile.phone(), profile.notes(),
				String.join(", ", profile.tags()), profile.version());
	}

	/** The message of each field the rules refuse, by field name; empty when the form is good. */
	Map<String, String> errors(JsonMapper json, PhoneNumbers phoneNumbers) {
		Map<String, String> errors = new LinkedHashMap<>();
		for (String field : FIELDS) {
			try {
				new ContactPatch(body(json, List.of(field)), phoneNumbers).changes();
			}
			catch (BadRequestException ex) {
				errors.put(field, ex.getMessage());
			}
		}
		return errors;
	}

	/** Every field of the form as one edit; a field left empty is cleared. */
	ContactChanges changes(JsonMapper json, PhoneNumbers phoneNumbers) {
		return new ContactPatch(body(json, FIELDS), phoneNumbers).changes();
	}

	private ObjectNode body(JsonMapper json, List<String> fields) {
		ObjectNode body = json.createObjectNode();
		for (String field : fields) {
			switch (field) {
				case "name" -> body.put("name", name);
				case "email" -> body.put("email", email);
				case "phone" -> body.put("phone", phone);
				case "notes" -> body.put("notes", notes);
				default -> {
					var array = body.putArray("tags");
					Arrays.stream(tags == null ? new String[0] : tags.split(","))
						.filter(tag -> !tag.isBlank())
						.forEach(tag -> array.add(tag.strip()));
				}
			}
		}
		return body;
	}
}
