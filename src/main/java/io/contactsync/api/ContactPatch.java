package io.contactsync.api;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.contactsync.store.ContactChanges;
import io.contactsync.store.ContactChanges.Field;
import io.contactsync.store.EmailSyntax;
import io.contactsync.store.PhoneNumbers;
import io.contactsync.store.StorableText;
import tools.jackson.databind.JsonNode;

/**
 * Reads a PATCH body: a JSON object with any of name, email, phone, notes, tags, attributes (an object: a key given a
 * text is set, one given null removed, the others kept) and the version the caller last saw. A field that is present changes; present as null, it is cleared. Every value is checked
 * here, so that nothing half-valid reaches the store.
 */
public final class ContactPatch {

	private static final Map<String, Field> FIELDS = Map.of("name", Field.NAME, "email", Field.EMAIL, "phone",
			Field.PHONE, "notes", Field.NOTES, "tags", Field.TAGS, "attributes", Field.ATTRIBUTES);

	private static final int MAX_ATTRIBUTES = 50;

	private static final int MAX_ATTRIBUTE_KEY = 64;

	private static final int MAX_ATTRIBUTE_VALUE = 1000;

	private static final int MAX_NAME = 200;

	private static final int MAX_EMAIL = 254;

	private static final int MAX_NOTES = 10_000;

	private static final int MAX_TAG = 50;

	private static final int MAX_TAGS = 50;

	private final JsonNode body;

	private final PhoneNumbers phoneNumbers;

	public ContactPatch(JsonNode body, PhoneNumbers phoneNumbers) {
		if (body == null || !body.isObject()) {
			throw new BadRequestException("The body must be a JSON object, e.g. {\"name\": \"Jane Doe\", \"version\": 3}.");
		}
		this.body = body;
		this.phoneNumbers = phoneNumbers;
	}

	/** The version in the body, if the caller put it there rather than in If-Match. */
	Integer version() {
		JsonNode version = body.get("version");
		if (version == null || version.isNull()) {
			return null;
		}
		if (!version.isIntegralNumber() || !version.canConvertToInt()) {
			throw new BadRequestException("version must be the whole number from the contact you read.");
		}
		return version.asInt();
	}

	public ContactChanges changes() {
		Set<Field> fields = EnumSet.noneOf(Field.class);
		for (String name : body.propertyNames()) {
			if (!name.equals("version")) {
				Field field = FIELDS.get(name);
				if (field == null) {
					throw new BadRequestException("'" + name + "' cannot be edited; send any of "
							+ String.join(", ", FIELDS.keySet().stream().sorted().toList()) + ".");
				}
				fields.add(field);
			}
		}
		if (fields.isEmpty()) {
			throw new BadRequestException("Nothing to change: send any of name, email, phone, notes, tags, attributes.");
		}
		String phone = text("phone", 50);
		String phoneE164 = null;
		if (phone != null) {
			phoneE164 = phoneNumbers.toE164(phone).orElseThrow(() -> new BadRequestException("phone '" + phone
					+ "' is not a valid phone number; write it with its country code, e.g. +44 20 7946 0958."));
		}
		return new ContactChanges(fields, text("name", MAX_NAME), email(), phone, phoneE164, text("notes", MAX_NOTES),
				tags(), attributes());
	}

	private String email() {
		String email = text("email", MAX_EMAIL);
		if (email != null && !EmailSyntax.isValid(email)) {
			throw new BadRequestException("email '" + email + "' is not an email address like jane@example.com.");
		}
		return email;
	}

	/** A trimmed string, or null when absent, null or blank. */
	private String text(String name, int maxLength) {
		JsonNode value = body.get(name);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isString()) {
			throw new BadRequestException(name + " must be a string or null.");
		}
		String text = value.asString().strip();
		if (text.length() > maxLength) {
			throw new BadRequestException(name + " is longer than " + maxLength + " characters.");
		}
		return text.isEmpty() ? null : text;
	}

	/** The attributes to change: each key with its new text, or null to remove it. */
	private Map<String, String> attributes() {
		JsonNode value = body.get("attributes");
		if (value == null || value.isNull()) {
			return Map.of();
		}
		if (!value.isObject()) {
			throw new BadRequestException("attributes must be an object of keys and texts, e.g. {\"company\": \"Acme\","
					+ " \"city\": null} (null removes a key).");
		}
		if (value.size() > MAX_ATTRIBUTES) {
			throw new BadRequestException("A contact takes at most " + MAX_ATTRIBUTES + " attributes.");
		}
		Map<String, String> attributes = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> entry : value.properties()) {
			String key = entry.getKey().strip();
			if (key.isEmpty() || key.length() > MAX_ATTRIBUTE_KEY || !StorableText.isStorable(key)) {
				throw new BadRequestException("Each attribute key must be a text of 1 to " + MAX_ATTRIBUTE_KEY
						+ " characters without NUL characters.");
			}
			JsonNode given = entry.getValue();
			if (!given.isNull() && !given.isString()) {
				throw new BadRequestException("attributes." + key + " must be a text or null.");
			}
			String text = given.isNull() || given.stringValue().isBlank() ? null : given.stringValue().strip();
			if (text != null && (text.length() > MAX_ATTRIBUTE_VALUE || !StorableText.isStorable(text))) {
				throw new BadRequestException("attributes." + key + " must be at most " + MAX_ATTRIBUTE_VALUE
						+ " characters, without NUL characters.");
			}
			attributes.put(key, text);
		}
		return attributes;
	}

	private List<String> tags() {
		JsonNode value = body.get("tags");
		if (value == null || value.isNull()) {
			return List.of();
		}
		if (!value.isArray()) {
			throw new BadRequestException("tags must be an array of strings, e.g. [\"vip\", \"pricing\"].");
		}
		Set<String> tags = new LinkedHashSet<>();
		for (JsonNode tag : value) {
			if (!tag.isString() || tag.asString().isBlank() || tag.asString().strip().length() > MAX_TAG) {
				throw new BadRequestException("Each tag must be a non-empty string of at most " + MAX_TAG + " characters.");
			}
			tags.add(tag.asString().strip());
		}
		if (tags.size() > MAX_TAGS) {
			throw new BadRequestException("A contact takes at most " + MAX_TAGS + " tags.");
		}
		return new ArrayList<>(tags);
	}
}
