package io.contactsync.crm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import tools.jackson.databind.JsonNode;

/**
 * HubSpot's communication preferences as the stub portal keeps them: a status per email address and subscription
 * type. {@code statuses/batch/write} answers as HubSpot does: a status for each input it took, and in a 207's
 * {@code errors} each input naming a subscription type the portal lacks; an input whose channel, status or legal
 * basis is not one HubSpot knows refuses the whole request with a 400.
 */
final class HubSpotStatuses {

	/** The portal's subscription types by id. */
	static final Map<Long, String> TYPES = new TreeMap<>(Map.of(12345678L, "Marketing information",
			12345679L, "Customer service"));

	private static final List<String> STATES = List.of("SUBSCRIBED", "NOT_SUBSCRIBED", "NOT_SPECIFIED");

	private static final List<String> LEGAL_BASES = List.of("CONSENT_WITH_NOTICE", "LEGITIMATE_INTEREST_CLIENT",
			"LEGITIMATE_INTEREST_OTHER", "LEGITIMATE_INTEREST_PQL", "NON_GDPR", "PERFORMANCE_OF_CONTRACT",
			"PROCESS_AND_STORE");

	private final Map<String, Map<Long, String>> byEmail = new ConcurrentHashMap<>();

	/** The statuses of this address by subscription type; empty when it has none. */
	Map<Long, String> of(String email) {
		return byEmail.getOrDefault(email.toLowerCase(Locale.ROOT), Map.of());
	}

	/** As a GDPR delete does: nothing of the address stays. */
	void forget(String email) {
		if (email != null) {
			byEmail.remove(email.toLowerCase(Locale.ROOT));
		}
	}

	void clear() {
		byEmail.clear();
	}

	/** {@code GET definitions}: the portal's subscription types, as HubSpot lists them. */
	Map<String, Object> definitions() {
		List<Map<String, Object>> results = new ArrayList<>();
		TYPES.forEach((id, name) -> results.add(Map.of("id", Long.toString(id), "name", name, "description", name,
				"isActive", true, "isDefault", false, "isInternal", false, "purpose", "Marketing",
				"communicationMethod", "Email", "createdAt", "2025-01-05T10:00:00Z", "updatedAt", "2025-01-05T10:00:00Z")));
		return Map.of("status", "COMPLETE", "results", results, "startedAt", "2026-01-05T10:00:00.100Z",
				"completedAt", "2026-01-05T10:00:00.200Z");
	}

	/** The refusal of a malformed request, or null when every input is well-formed. */
	String malformed(JsonNode body) {
		for (JsonNode input : body.path("inputs")) {
			if (!"EMAIL".equals(input.path("channel").asString(""))) {
				return "Invalid input JSON: channel must be EMAIL";
			}
			if (!STATES.contains(input.path("statusState").asString(""))) {
				return "Invalid input JSON: statusState must be one of " + STATES;
			}
			if (!input.path("legalBasis").isMissingNode() && !LEGAL_BASES.contains(input.path("legalBasis").asString(""))) {
				return "Invalid input JSON: legalBasis must be one of " + LEGAL_BASES;
			}
		}
		return null;
	}

	/** Writes each input and answers HubSpot's batch response. */
	Map<String, Object> write(JsonNode body) {
		List<Map<String, Object>> results = new ArrayList<>();
		List<Map<String, Object>> errors = new ArrayList<>();
		for (JsonNode input : body.path("inputs")) {
			long id = input.path("subscriptionId").asLong(0);
			String email = input.path("subscriberIdString").asString("");
			if (!TYPES.containsKey(id)) {
				errors.add(Map.of("status", "error", "category", "VALIDATION_ERROR",
						"message", "Subscription id " + id + " does not exist in this portal", "context", Map.of()));
				continue;
			}
			String state = input.path("statusState").asString();
			byEmail.computeIfAbsent(email.toLowerCase(Locale.ROOT), key -> new ConcurrentHashMap<>()).put(id, state);
			Map<String, Object> result = new LinkedHashMap<>();
			result.put("channel", "EMAIL");
			result.put("source", "Public status API");
			result.put("status", state);
			result.put("subscriberIdString", email);
			result.put("subscriptionId", id);
			result.put("subscriptionName", TYPES.get(id));
			result.put("timestamp", "2026-01-05T10:00:00.200Z");
			result.put("legalBasis", input.path("legalBasis").asString(null));
			result.put("legalBasisExplanation", input.path("legalBasisExplanation").asString(null));
			result.put("setStatusSuccessReason", "RESUBSCRIBE_OCCURRED");
			results.add(result);
		}
		return HubSpotStub.batchResponse(results, errors);
	}
}
