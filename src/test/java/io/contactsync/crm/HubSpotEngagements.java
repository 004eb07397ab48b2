package io.contactsync.crm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import tools.jackson.databind.JsonNode;

/**
 * HubSpot's notes and communications as {@link HubSpotStub} keeps them (crm-api-notes.md 4.f): {@code batch/create}
 * takes each input's properties and its associations, refusing as HubSpot does an unknown property
 * (PROPERTY_DOESNT_EXIST), a missing {@code hs_timestamp}, a note body over 65,536 characters, a communication
 * channel type or logged-from value HubSpot does not list (INVALID_OPTION), and an association to a contact it does
 * not hold or of a type that does not join the two objects; {@code batch/update} changes properties by id
 * (OBJECT_NOT_FOUND for an id it lacks) and leaves the associations; {@code batch/archive} forgets the ids.
 */
final class HubSpotEngagements {

	/** One engagement: which object, its properties, the contact ids it is associated with. */
	record Engagement(String object, Map<String, String> properties, Set<String> contacts) {
	}

	private static final Map<String, List<String>> PROPERTIES = Map.of(
			"notes", List.of("hs_timestamp", "hs_note_body", "hubspot_owner_id", "hs_attachment_ids"),
			"communications", List.of("hs_timestamp", "hs_communication_channel_type", "hs_communication_logged_from",
					"hs_communication_body", "hubspot_owner_id"));

	private static final Map<String, Integer> TYPE_TO_CONTACT = Map.of("notes", 202, "communications", 81);

	private final Map<String, StubSchema> schemas = Map.of(
			"notes", new StubSchema(List.of(StubSchema.Field.text("hs_timestamp").typed("datetime"),
					StubSchema.Field.text("hs_note_body"), StubSchema.Field.text("hubspot_owner_id"),
					StubSchema.Field.text("hs_attachment_ids"), StubSchema.Field.text("hs_object_id").readOnly()), false),
			"communications", new StubSchema(List.of(StubSchema.Field.text("hs_timestamp").typed("datetime"),
					StubSchema.Field.picklist("hs_communication_channel_type", "enumeration", "WHATS_APP",
							"LINKEDIN_MESSAGE", "SMS"),
					StubSchema.Field.picklist("hs_communication_logged_from", "enumeration", "CRM"),
					StubSchema.Field.text("hs_communication_body"), StubSchema.Field.text("hubspot_owner_id")), false));

	private final Map<String, Engagement> held = new LinkedHashMap<>();

	private final AtomicLong ids = new AtomicLong(90_001);

	/** Every engagement held, by id. */
	Map<String, Engagement> all() {
		return held;
	}

	/** The properties the portal lists for {@code notes} or {@code communications}. */
	StubSchema schema(String object) {
		return schemas.get(object);
	}

	void clear() {
		held.clear();
		schemas.values().forEach(StubSchema::reset);
	}

	/** As HubSpot's merge does: the merged contact's engagements now hang on the primary. */
	void merged(String primaryId, String mergedId) {
		held.values().stream().filter(e -> e.contacts().remove(mergedId)).forEach(e -> e.contacts().add(primaryId));
	}

	/** Results and errors of a batch create or update, shaped as {@link HubSpotStub#batchResponse}. */
	Map<String, Object> write(String object, JsonNode body, boolean update, Predicate<String> contactHeld) {
		List<Map<String, Object>> results = new ArrayList<>();
		List<Map<String, Object>> errors = new ArrayList<>();
		for (JsonNode input : body.path("inputs")) {
			String trace = input.path("objectWriteTraceId").asString("");
			Map<String, String> properties = new LinkedHashMap<>();
			input.path("properties").properties().forEach(p -> properties.put(p.getKey(), p.getValue().asString()));
			String refused = refusal(object, properties, update);
			Set<String> contacts = new LinkedHashSet<>();
			if (refused == null && !update) {
				refused = associations(object, input.path("associations"), contactHeld, contacts);
			}
			String id = update ? input.path("id").asString("") : Long.toString(ids.getAndIncrement());
			if (refused == null && update && !held.containsKey(id)) {
				errors.add(error("OBJECT_NOT_FOUND", "Could not get some objects, they may be deleted or not exist.",
						Map.of("ids", List.of(id))));
				continue;
			}
			if (refused != null) {
				errors.add(error("VALIDATION_ERROR", refused, Map.of("objectWriteTraceId", List.of(trace))));
				continue;
			}
			if (update) {
				held.get(id).properties().putAll(properties);
			}
			else {
				held.put(id, new Engagement(object, properties, contacts));
			}
			results.add(Map.of("id", id, "properties", held.get(id).properties(), "archived", false,
					"createdAt", "2026-01-05T10:00:00.000Z", "updatedAt", "2026-01-05T10:00:00.000Z"));
		}
		return HubSpotStub.batchResponse(results, errors);
	}

	void archive(JsonNode body) {
		body.path("inputs").forEach(input -> held.remove(input.path("id").asString()));
	}

	private static String refusal(String object, Map<String, String> properties, boolean update) {
		for (Map.Entry<String, String> property : properties.entrySet()) {
			String name = property.getKey();
			String value = property.getValue();
			if (!PROPERTIES.get(object).contains(name)) {
				return "Property values were not valid: [{\"error\":\"PROPERTY_DOESNT_EXIST\",\"name\":\"" + name + "\"}]";
			}
			if (name.equals("hs_note_body") && value.length() > 65_536) {
				return "Property values were not valid: [{\"error\":\"INVALID_STRING\",\"name\":\"hs_note_body\","
						+ "\"message\":\"value is longer than 65536 characters\"}]";
			}
			if (name.equals("hs_communication_channel_type") && !List.of("WHATS_APP", "LINKEDIN_MESSAGE", "SMS").contains(value)
					|| name.equals("hs_communication_logged_from") && !value.equals("CRM")) {
				return "Property values were not valid: [{\"error\":\"INVALID_OPTION\",\"name\":\"" + name + "\"}]";
			}
		}
		if (!update && !properties.containsKey("hs_timestamp")) {
			return "Property values were not valid: [{\"error\":\"REQUIRED_PROPERTY\",\"name\":\"hs_timestamp\"}]";
		}
		return null;
	}

	private static String associations(String object, JsonNode associations, Predicate<String> contactHeld,
			Set<String> contacts) {
		if (!associations.isArray()) {
			return "associations is required";
		}
		for (JsonNode association : associations) {
			String to = association.path("to").path("id").asString("");
			for (JsonNode type : association.path("types")) {
				if (!"HUBSPOT_DEFINED".equals(type.path("associationCategory").asString(""))
						|| type.path("associationTypeId").asInt(-1) != TYPE_TO_CONTACT.get(object)) {
					return "association type " + type.path("associationTypeId").asInt(-1) + " does not join "
							+ object + " to contacts";
				}
			}
			if (!contactHeld.test(to)) {
				return "One or more associations are invalid: no contact " + to;
			}
			contacts.add(to);
		}
		return null;
	}

	private static Map<String, Object> error(String category, String message, Map<String, Object> context) {
		Map<String, Object> error = new LinkedHashMap<>();
		error.put("status", "error");
		error.put("category", category);
		error.put("message", message);
		error.put("context", context);
		error.put("errors", List.of());
		return error;
	}
}
