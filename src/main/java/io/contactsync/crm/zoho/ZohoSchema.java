package io.contactsync.crm.zoho;

import java.util.ArrayList;
import java.util.List;

import io.contactsync.crm.CrmField;
import tools.jackson.databind.JsonNode;

/**
 * Zoho's fields metadata as the online check reads it: {@code read_only} or {@code field_read_only} cannot be
 * written, {@code unique} (an object when set) identifies a record, {@code system_mandatory} is required on create,
 * and a picklist takes only its {@code actual_value}s.
 */
final class ZohoSchema {

	private ZohoSchema() {
	}

	static List<CrmField> fields(JsonNode body) {
		List<CrmField> fields = new ArrayList<>();
		for (JsonNode field : body.path("fields")) {
			String type = field.path("data_type").asString("text");
			boolean writable = !field.path("read_only").asBoolean(false) && !field.path("field_read_only").asBoolean(false);
			List<String> options = new ArrayList<>();
			field.path("pick_list_values").forEach(option -> options.add(option.path("actual_value").asString("")));
			// Email is the system-defined duplicate-check field of Leads and Contacts, which upsert matches by.
			boolean unique = field.path("unique").isObject() || field.path("unique").asBoolean(false)
					|| field.path("api_name").asString("").equals("Email");
			fields.add(new CrmField(field.path("api_name").asString(""), type, writable, writable, unique,
					field.path("system_mandatory").asBoolean(false), options, type.equals("picklist")));
		}
		return fields;
	}
}
