package io.contactsync.crm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.contactsync.crm.StubSchema.Field;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers HubSpot's contacts API as HubSpot does (crm-api-notes.md 1.3 to 1.9), on the v3 paths and the
 * date-versioned ones alike. {@code GET properties/contacts} lists its {@link #schema() schema}; {@code batch/upsert}
 * keeps the records it was sent, keyed by the idProperty's value, so a second upsert of a key updates
 * ({@code new: false}, same id); {@code batch/update} changes records by HubSpot id and answers an id it does not
 * hold with an OBJECT_NOT_FOUND error. In both, {@code ""} clears a property, and an input naming a property the
 * portal lacks (PROPERTY_DOESNT_EXIST), a read-only one (READ_ONLY_VALUE), a value that is not an option of an
 * enumeration (INVALID_OPTION) or an email HubSpot would refuse (INVALID_EMAIL) comes back in a 207's
 * {@code errors} with the input's objectWriteTraceId, unsaved. {@code batch/archive} and {@code gdpr-delete} (by
 * HubSpot id) forget the record and answer 204; a gdpr-delete of an id it does not hold answers 404, and one it
 * does forgets the address's subscription statuses too, which {@code statuses/batch/write} keeps
 * ({@link HubSpotStatuses}). {@code contacts/merge} merges two records as HubSpot does ({@link #merge}).
 */
public class HubSpotStub implements ResponseDefinitionTransformerV2 {

	public static final String NAME = "hubspot-batch-upsert";

	private static final List<Field> PORTAL = List.of(Field.text("email").asUnique(), Field.text("firstname"),
			Field.text("lastname"), Field.text("phone").typed("phone_number"), Field.text("company"),
			Field.picklist("hs_lead_status", "enumeration", "NEW", "OPEN", "IN_PROGRESS", "OPEN_DEAL", "UNQUALIFIED",
					"ATTEMPTED_TO_CONTACT", "CONNECTED", "BAD_TIMING"),
			Field.picklist("lifecyclestage", "enumeration", "subscriber", "lead", "marketingqualifiedlead",
					"salesqualifiedlead", "opportunity", "customer", "evangelist", "other"),
			Field.text("hs_object_id").typed("number").readOnly(), Field.text("createdate").typed("datetime").readOnly(),
			// The shipped mapping's custom properties, as an admin creates them before the first push.
			Field.text("contact_sync_channel"), Field.text("contact_sync_created").typed("date"));

	private static final Pattern ENGAGEMENT_PATH = Pattern.compile(".*/(notes|communications)/batch/(create|update|archive)");

	private final JsonMapper json = JsonMapper.builder().build();

	private final StubRecords held = new StubRecords(501, Long::toString, key -> key);

	private final StubSchema schema = new StubSchema(PORTAL, false);

	private final HubSpotStatuses statuses = new HubSpotStatuses();

	private final HubSpotEngagements engagements = new HubSpotEngagements();

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public boolean applyGlobally() {
		return false;
	}

	/** What HubSpot holds now: properties by key. */
	public Map<String, Map<String, String>> records() {
		return held.fields();
	}

	/** HubSpot's id for the record of this key. */
	String id(String key) {
		return held.id(key);
	}

	/** The subscription statuses of this address, by subscription type id. */
	public Map<Long, String> statuses(String email) {
		return statuses.of(email);
	}

	/** The notes and communications HubSpot holds, by id. */
	Map<String, HubSpotEngagements.Engagement> engagements() {
		return engagements.all();
	}

	/** The properties of {@code notes} or {@code communications}. */
	StubSchema engagementSchema(String object) {
		return engagements.schema(object);
	}

	/** The contact properties of the portal. */
	StubSchema schema() {
		return schema;
	}

	/** As a HubSpot user typing a value into the record of this key. */
	void editInCrm(String key, String property, String value) {
		held.update(held.id(key), Map.of(property, value));
	}

	/** As a HubSpot user deleting the record by hand. */
	void deleteInCrm(String key) {
		held.removeById(held.id(key));
	}

	void clear() {
		held.clear();
		schema.reset();
		statuses.clear();
		engagements.clear();
	}

	@Override
	public ResponseDefinition transform(ServeEvent event) {
		String path = event.getRequest().getUrl().replaceAll("\\?.*", "");
		if (event.getRequest().getMethod().getName().equals("GET") && path.endsWith("/definitions")) {
			return answer(200, statuses.definitions());
		}
		if (event.getRequest().getMethod().getName().equals("GET") && path.matches(".*/objects/.*contacts/[0-9]+")) {
			String id = path.substring(path.lastIndexOf('/') + 1);
			return held.byId(id) == null ? answer(404, Map.of("status", "error", "message", "Object not found.",
					"category", "OBJECT_NOT_FOUND")) : answer(200, result(id, false, true));
		}
		if (event.getRequest().getMethod().getName().equals("GET") && path.matches(".*/properties/.*(notes|communications)")) {
			return answer(200, Map.of("results", engagements.schema(path.endsWith("notes") ? "notes" : "communications")
				.fields().stream().map(HubSpotStub::property).toList()));
		}
		if (event.getRequest().getMethod().getName().equals("GET") && path.contains("/properties/")) {
			return answer(200, Map.of("results", schema.fields().stream().map(HubSpotStub::property).toList()));
		}
		JsonNode body = json.readTree(event.getRequest().getBodyAsString());
		Matcher engagement = ENGAGEMENT_PATH.matcher(path);
		if (engagement.matches()) {
			if (engagement.group(2).equals("archive")) {
				engagements.archive(body);
				return ResponseDefinitionBuilder.responseDefinition().withStatus(204).build();
			}
			Map<String, Object> written = engagements.write(engagement.group(1), body,
					engagement.group(2).equals("update"), id -> held.byId(id) != null);
			return answer(written.containsKey("errors") ? 207 : engagement.group(2).equals("create") ? 201 : 200,
					written);
		}
		if (path.endsWith("/batch/archive")) {
			// HubSpot answers 204 whether or not it held the ids.
			body.path("inputs").forEach(input -> held.removeById(input.path("id").asString()));
			return ResponseDefinitionBuilder.responseDefinition().withStatus(204).build();
		}
		if (path.endsWith("/contacts/merge")) {
			return merge(body.path("primaryObjectId").asString(""), body.path("objectIdToMerge").asString(""));
		}
		if (path.endsWith("/statuses/batch/write")) {
			String malformed = statuses.malformed(body);
			if (malformed != null) {
				return answer(400, Map.of("status", "error", "message", malformed, "category", "VALIDATION_ERROR"));
			}
			Map<String, Object> written = statuses.write(body);
			return answer(written.containsKey("errors") ? 207 : 200, written);
		}
		if (path.endsWith("/gdpr-delete")) {
			String email = held.removeById(body.path("objectId").asString());
			if (email != null) {
				statuses.forget(email);
				return ResponseDefinitionBuilder.responseDefinition().withStatus(204).build();
			}
			return answer(404, Map.of("status", "error", "message", "Object not found.", "category", "OBJECT_NOT_FOUND"));
		}
		return write(body, path.endsWith("/batch/update"));
	}

	/**
	 * As HubSpot merges two contacts: the primary keeps its id and its values, takes the other's where it has
	 * none, lists the other's id in {@code hs_merged_object_ids} and its email in {@code hs_additional_emails};
	 * the other is gone. An id it does not hold answers 404.
	 */
	private ResponseDefinition merge(String primaryId, String mergedId) {
		Map<String, String> primary = held.byId(primaryId);
		Map<String, String> merged = held.byId(mergedId);
		if (primary == null || merged == null || primaryId.equals(mergedId)) {
			return answer(404, Map.of("status", "error", "message", "Object not found. objectId are usually numeric.",
					"category", "OBJECT_NOT_FOUND"));
		}
		Map<String, String> taken = new LinkedHashMap<>();
		merged.forEach((name, value) -> {
			if (!primary.containsKey(name)) {
				taken.put(name, value);
			}
		});
		taken.put("hs_merged_object_ids", primary.containsKey("hs_merged_object_ids")
				? primary.get("hs_merged_object_ids") + ";" + mergedId : mergedId);
		if (merged.get("email") != null) {
			taken.put("hs_additional_emails", merged.get("email"));
		}
		held.removeById(mergedId);
		held.update(primaryId, taken);
		engagements.merged(primaryId, mergedId);
		return answer(200, result(primaryId, false, true));
	}

	private static Map<String, Object> property(Field field) {
		Map<String, Object> property = new LinkedHashMap<>();
		property.put("name", field.name());
		property.put("label", field.name());
		property.put("type", field.type());
		property.put("fieldType", field.restricted() ? "select" : "text");
		property.put("groupName", "contactinformation");
		property.put("description", "");
		property.put("options", field.options().stream()
			.map(value -> Map.of("label", value, "value", value, "hidden", false)).toList());
		property.put("hasUniqueValue", field.unique() && !field.name().equals("email"));
		property.put("calculated", false);
		property.put("modificationMetadata",
				Map.of("readOnlyValue", !field.writable(), "readOnlyDefinition", true, "archivable", false));
		return property;
	}

	private ResponseDefinition write(JsonNode body, boolean byId) {
		List<Map<String, Object>> results = new ArrayList<>();
		List<Map<String, Object>> errors = new ArrayList<>();
		for (JsonNode input : body.path("inputs")) {
			Map<String, String> properties = new LinkedHashMap<>();
			input.path("properties").properties().forEach(p -> properties.put(p.getKey(), p.getValue().asString()));
			List<Map<String, Object>> invalid = invalid(properties);
			if (!invalid.isEmpty()) {
				errors.add(validationError(input, invalid));
				continue;
			}
			String key = input.path("id").asString();
			boolean created = false;
			String id = key;
			if (byId) {
				if (!held.update(id, properties)) {
					errors.add(notFound(id));
					continue;
				}
			}
			else {
				created = held.upsert(input.path("idProperty").asString("hs_object_id"), key, properties);
				id = held.id(key);
			}
			results.add(result(id, created, byId));
		}
		return answer(errors.isEmpty() ? 200 : 207, batchResponse(results, errors));
	}

	/** A batch call's answer as HubSpot shapes it: the results, and the errors with their count if any. */
	static Map<String, Object> batchResponse(List<Map<String, Object>> results, List<Map<String, Object>> errors) {
		Map<String, Object> response = new LinkedHashMap<>();
		response.put("status", "COMPLETE");
		response.put("results", results);
		if (!errors.isEmpty()) {
			response.put("numErrors", errors.size());
			response.put("errors", errors);
		}
		response.put("startedAt", "2026-01-05T10:00:00.100Z");
		response.put("completedAt", "2026-01-05T10:00:00.300Z");
		return response;
	}

	private Map<String, Object> result(String id, boolean created, boolean byId) {
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("id", id);
		if (!byId) {
			result.put("new", created);
		}
		result.put("archived", false);
		result.put("createdAt", "2026-01-05T10:00:00.000Z");
		result.put("updatedAt", "2026-01-05T10:00:00.000Z");
		Map<String, String> shown = new LinkedHashMap<>(held.byId(id));
		shown.put("hs_object_id", id);
		result.put("properties", shown);
		return result;
	}

	/** The portal's refusals of these properties, each as HubSpot words it inside a VALIDATION_ERROR. */
	private List<Map<String, Object>> invalid(Map<String, String> properties) {
		List<Map<String, Object>> invalid = new ArrayList<>();
		properties.forEach((name, value) -> {
			Field field = schema.find(name);
			if (field == null) {
				invalid.add(propertyError(name, "Property \"" + name + "\" does not exist", "PROPERTY_DOESNT_EXIST"));
			}
			else if (!field.writable()) {
				invalid.add(propertyError(name, "\"" + name + "\" is a read only property; its value cannot be set.",
						"READ_ONLY_VALUE"));
			}
			else if (field.restricted() && !value.isEmpty() && !field.options().contains(value)) {
				invalid.add(propertyError(name, value + " was not one of the allowed options: " + field.options(),
						"INVALID_OPTION"));
			}
			else if (name.equals("email") && !value.isEmpty() && !value.matches("[^@]+@[^@]+\\.[^@]+")) {
				invalid.add(propertyError(name, "Email address " + value + " is invalid", "INVALID_EMAIL"));
			}
		});
		return invalid;
	}

	private static Map<String, Object> propertyError(String name, String message, String code) {
		Map<String, Object> error = new LinkedHashMap<>();
		error.put("isValid", false);
		error.put("message", message);
		error.put("error", code);
		error.put("name", name);
		return error;
	}

	private Map<String, Object> validationError(JsonNode input, List<Map<String, Object>> invalid) {
		Map<String, Object> error = new LinkedHashMap<>();
		error.put("status", "error");
		error.put("category", "VALIDATION_ERROR");
		error.put("message", "Property values were not valid: " + json.writeValueAsString(invalid));
		error.put("context", Map.of("objectWriteTraceId", List.of(input.path("objectWriteTraceId").asString())));
		error.put("errors", List.of());
		error.put("links", Map.of());
		return error;
	}

	private static Map<String, Object> notFound(String id) {
		Map<String, Object> error = new LinkedHashMap<>();
		error.put("status", "error");
		error.put("category", "OBJECT_NOT_FOUND");
		error.put("message", "Could not get some CONTACT objects, they may be deleted or not exist. Check that ids "
				+ "are valid.");
		error.put("context", Map.of("ids", List.of(id)));
		error.put("errors", List.of());
		error.put("links", Map.of());
		return error;
	}

	private ResponseDefinition answer(int status, Object body) {
		return ResponseDefinitionBuilder.responseDefinition()
			.withStatus(status)
			.withHeader("Content-Type", "application/json;charset=utf-8")
			.withHeader("X-HubSpot-RateLimit-Interval-Milliseconds", "10000")
			.withHeader("X-HubSpot-RateLimit-Max", "190")
			.withBody(json.writeValueAsString(body))
			.build();
	}
}
