package io.contactsync.crm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers {@code contacts/batch/upsert} as HubSpot does (crm-api-notes.md 1.3, 1.4, 1.9): it keeps the
 * records it was sent, keyed by the idProperty's value, so a second upsert of a key updates
 * ({@code new: false}, same id) rather than creating; an email HubSpot would refuse (one without a dot after
 * the @) comes back in a 207's {@code errors} with INVALID_EMAIL and the input's objectWriteTraceId.
 * {@code batch/archive} and {@code gdpr-delete} (by HubSpot id) forget the record and answer 204; a
 * gdpr-delete of an id it does not hold answers 404 OBJECT_NOT_FOUND.
 */
public class HubSpotStub implements ResponseDefinitionTransformerV2 {

	public static final String NAME = "hubspot-batch-upsert";

	private final JsonMapper json = JsonMapper.builder().build();

	private final StubRecords held = new StubRecords(501, Long::toString);

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

	void clear() {
		held.clear();
	}

	@Override
	public ResponseDefinition transform(ServeEvent event) {
		String path = event.getRequest().getUrl().replaceAll("\\?.*", "");
		JsonNode body = json.readTree(event.getRequest().getBodyAsString());
		if (path.endsWith("/batch/archive")) {
			// HubSpot answers 204 whether or not it held the ids.
			body.path("inputs").forEach(input -> remove(input.path("id").asString()));
			return ResponseDefinitionBuilder.responseDefinition().withStatus(204).build();
		}
		if (path.endsWith("/gdpr-delete")) {
			if (remove(body.path("objectId").asString())) {
				return ResponseDefinitionBuilder.responseDefinition().withStatus(204).build();
			}
			return ResponseDefinitionBuilder.responseDefinition()
				.withStatus(404)
				.withHeader("Content-Type", "application/json;charset=utf-8")
				.withBody("{\"status\":\"error\",\"message\":\"Object not found.\",\"category\":\"OBJECT_NOT_FOUND\"}")
				.build();
		}
		return upsert(body);
	}

	/** Forgets the record with this HubSpot id; false when it held none. */
	private boolean remove(String id) {
		return held.removeById(id) != null;
	}

	private ResponseDefinition upsert(JsonNode body) {
		List<Map<String, Object>> results = new ArrayList<>();
		List<Map<String, Object>> errors = new ArrayList<>();
		for (JsonNode input : body.path("inputs")) {
			String key = input.path("id").asString();
			Map<String, String> properties = new LinkedHashMap<>();
			input.path("properties").properties().forEach(p -> properties.put(p.getKey(), p.getValue().asString()));
			String email = properties.getOrDefault("email", "");
			if (!email.isEmpty() && !email.matches("[^@]+@[^@]+\\.[^@]+")) {
				errors.add(error(input, email));
				continue;
			}
			boolean created = held.upsert(key, properties);
			String id = held.id(key);
			Map<String, Object> result = new LinkedHashMap<>();
			result.put("id", id);
			result.put("new", created);
			result.put("archived", false);
			result.put("createdAt", "2026-01-05T10:00:00.000Z");
			result.put("updatedAt", "2026-01-05T10:00:00.000Z");
			Map<String, String> shown = new LinkedHashMap<>(held.fields().get(key));
			shown.put("hs_object_id", id);
			result.put("properties", shown);
			results.add(result);
		}
		Map<String, Object> response = new LinkedHashMap<>();
		response.put("status", "COMPLETE");
		response.put("results", results);
		if (!errors.isEmpty()) {
			response.put("numErrors", errors.size());
			response.put("errors", errors);
		}
		response.put("startedAt", "2026-01-05T10:00:00.100Z");
		response.put("completedAt", "2026-01-05T10:00:00.300Z");
		return ResponseDefinitionBuilder.responseDefinition()
			.withStatus(errors.isEmpty() ? 200 : 207)
			.withHeader("Content-Type", "application/json;charset=utf-8")
			.withHeader("X-HubSpot-RateLimit-Interval-Milliseconds", "10000")
			.withHeader("X-HubSpot-RateLimit-Max", "190")
			.withBody(json.writeValueAsString(response))
			.build();
	}

	private static Map<String, Object> error(JsonNode input, String email) {
		Map<String, Object> error = new LinkedHashMap<>();
		error.put("status", "error");
		error.put("category", "VALIDATION_ERROR");
		error.put("message", "Property values were not valid: [{\"isValid\":false,\"message\":\"Email address " + email
				+ " is invalid\",\"error\":\"INVALID_EMAIL\",\"name\":\"email\"}]");
		error.put("context", Map.of("objectWriteTraceId", List.of(input.path("objectWriteTraceId").asString())));
		error.put("errors", List.of());
		error.put("links", Map.of());
		return error;
	}
}
