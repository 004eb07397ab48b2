package io.contactsync.capture;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * Reads fields from channel payloads. Optional readers return null for a field that is missing, JSON null, blank or
 * of another type; required readers throw a {@link CaptureFormatException} that names the path they were given and
 * never the value found there.
 */
final class JsonFields {

	private JsonFields() {
	}

	/** The field's value, or null when it is missing or JSON null. */
	static JsonNode child(JsonNode node, String field) {
		JsonNode value = node == null ? null : node.get(field);
		return value == null || value.isNull() || value.isMissingNode() ? null : value;
	}

	static JsonNode object(JsonNode node, String field) {
		JsonNode value = child(node, field);
		return value != null && value.isObject() ? value : null;
	}

	static JsonNode requiredObject(JsonNode node, String field, String path) {
		JsonNode value = child(node, field);
		if (value == null) {
			throw missing(path);
		}
		if (!value.isObject()) {
			throw new CaptureFormatException(path + " is not an object");
		}
		return value;
	}

	/** The elements of a list field; none when the field is missing. */
	static List<JsonNode> elements(JsonNode node, String field, String path) {
		JsonNode value = child(node, field);
		if (value == null) {
			return List.of();
		}
		if (!value.isArray()) {
			throw new CaptureFormatException(path + " is not a list");
		}
		List<JsonNode> elements = new ArrayList<>(value.size());
		value.forEach(elements::add);
		return elements;
	}

	static List<JsonNode> requiredElements(JsonNode node, String field, String path) {
		if (child(node, field) == null) {
			throw missing(path);
		}
		return elements(node, field, path);
	}

	/** A text field; blank counts as absent. */
	static String text(JsonNode node, String field) {
		JsonNode value = child(node, field);
		if (value == null || !value.isString() || value.stringValue().isBlank()) {
			return null;
		}
		return value.stringValue();
	}

	static String requiredText(JsonNode node, String field, String path) {
		String text = text(node, field);
		if (text == null) {
			throw missing(path);
		}
		return text;
	}

	/** An identifier, which channels send as a string or as an integer. */
	static String id(JsonNode node, String field) {
		JsonNode value = child(node, field);
		if (value != null && value.isIntegralNumber()) {
			return value.asString();
		}
		return text(node, field);
	}

	static String requiredId(JsonNode node, String field, String path) {
		JsonNode value = child(node, field);
		if (value == null) {
			throw missing(path);
		}
		String id = id(node, field);
		if (id == null) {
			throw new CaptureFormatException(path + " is not an id (a string or an integer)");
		}
		return id;
	}

	static boolean isTrue(JsonNode node, String field) {
		JsonNode value = child(node, field);
		return value != null && value.isBoolean() && value.booleanValue();
	}

	static CaptureFormatException missing(String path) {
		return new CaptureFormatException(path + " is missing");
	}
}
