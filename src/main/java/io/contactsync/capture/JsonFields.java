package io.contactsync.capture;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * Reads fields from channel payloads. Optional readers return null for a field that is missing, JSON null, blank or
 * of another type; required readers throw a {@link CaptureFormatException} that names the path they were given and
 * never the value found there.
 */
public final class JsonFields {

	private JsonFields() {
	}

	/** The field's value, or null when it is missing or JSON null. */
	public static JsonNode child(JsonNode node, String field) {
		JsonNode value = node == null ? null : node.get(field);
		return value == null || value.isNull() || value.isMissingNode() ? null : value;
	}

	public static JsonNode object(JsonNode node, String field) {
		JsonNode value = child(node, field);
		return value != null && value.isObject() ? value : null;
	}

	public static JsonNode requiredObject(JsonNode node, String field, String path) {
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
	public static List<JsonNode> elements(JsonNode node, String field, String path) {
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

	public static List<JsonNode> requiredElements(JsonNode node, String field, String path) {
		if (child(node, field) == null) {
			throw missing(path);
		}
		return elements(node, field, path);
	}

	/** A text field; blank counts as absent. */
	public static String text(JsonNode node, String field) {
		JsonNode value = child(node, field);
		if (value == null || !value.isString() || value.stringValue().isBlank()) {
			return null;
		}
		return value.stringValue();
	}

	public static String requiredText(JsonNode node, String field, String path) {
		String text = text(node, field);
		if (text == null) {
			throw missing(path);
		}
		return text;
	}

	/** An identifier, which channels send as a string or as an integer. */
	public static String id(JsonNode node, String field) {
		JsonNode value = child(node, field);
		if (value != null && value.isIntegralNumber()) {
			return value.asString();
		}
		return text(node, field);
	}

	public static String requiredId(JsonNode node, String field, String path) {
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

	public static boolean isTrue(JsonNode node, String field) {
		JsonNode value = child(node, field);
		return value != null && value.isBoolean() && value.booleanValue();
	}

	public static CaptureFormatException missing(String path) {
		return new CaptureFormatException(path + " is missing");
	}
}
