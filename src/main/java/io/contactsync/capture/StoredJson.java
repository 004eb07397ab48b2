package io.contactsync.capture;

import java.util.Map;

import io.contactsync.store.StorableText;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON as capture_inbox's jsonb column can hold it: PostgreSQL refuses {@code \u0000} in jsonb and would change a
 * lone surrogate, so every key and string is cleaned the way {@link StorableText#clean} cleans text.
 */
final class StoredJson {

	private StoredJson() {
	}

	static String cleaned(JsonNode payload, JsonMapper json) {
		return json.writeValueAsString(clean(payload, json));
	}

	/** A text kept as a JSON string, for a payload that could not be parsed. */
	static String string(String text, JsonMapper json) {
		return json.writeValueAsString(StorableText.clean(text));
	}

	private static JsonNode clean(JsonNode node, JsonMapper json) {
		if (node.isString()) {
			String text = node.stringValue();
			return StorableText.isStorable(text) ? node : json.getNodeFactory().stringNode(StorableText.clean(text));
		}
		if (node.isArray()) {
			ArrayNode array = json.createArrayNode();
			node.forEach(element -> array.add(clean(element, json)));
			return array;
		}
		if (node.isObject()) {
			ObjectNode object = json.createObjectNode();
			for (Map.Entry<String, JsonNode> property : node.properties()) {
				object.set(StorableText.clean(property.getKey()), clean(property.getValue(), json));
			}
			return object;
		}
		return node;
	}
}
