package io.contactsync.crm.hubspot;

import java.util.ArrayList;
import java.util.List;

import io.contactsync.crm.CrmField;
import tools.jackson.databind.JsonNode;

/**
 * The properties API's answer as fields: a property HubSpot computes ({@code calculated}) or marks
 * {@code modificationMetadata.readOnlyValue} cannot be written; an enumeration (and a bool) takes only its options'
 * values; email and properties with {@code hasUniqueValue} identify a contact. HubSpot requires no property to create
 * a contact through the API.
 */
final class HubSpotSchema {

	private HubSpotSchema() {
	}

	static List<CrmField> fields(JsonNode body) {
		List<CrmField> fields = new ArrayList<>();
		for (JsonNode property : body.path("results")) {
			String name = property.path("name").asString("");
			String type = property.path("type").asString("string");
			boolean writable = !property.path("calculated").asBoolean(false)
					&& !property.path("modificationMetadata").path("readOnlyValue").asBoolean(false);
			List<String> options = new ArrayList<>();
			property.path("options").forEach(option -> options.add(option.path("value").asString("")));
			boolean restricted = type.equals("enumeration") || type.equals("bool");
			if (type.equals("bool") && options.isEmpty()) {
				options.addAll(List.of("true", "false"));
			}
			fields.add(new CrmField(name, type, writable, writable,
					name.equals("email") || property.path("hasUniqueValue").asBoolean(false), false, options, restricted));
		}
		return fields;
	}
}
