package io.contactsync.crm.hubspot;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.contactsync.crm.ActivityFormat;
import io.contactsync.crm.ActivityResult;
import io.contactsync.crm.CrmActivity;
import io.contactsync.crm.CrmMapping;
import io.contactsync.crm.CrmMapping.Activities;
import io.contactsync.crm.DeleteResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Conversations as HubSpot engagements: a note ({@code hs_note_body}, rich text, at most 65,536 characters) or,
 * for a WhatsApp chat when the mapping says {@code as: communication}, a WhatsApp communication
 * ({@code hs_communication_channel_type WHATS_APP}, logged from the CRM). Created by {@code batch/create} with the
 * association to the contact (HubSpot-defined types 202 note → contact, 81 communication → contact), updated by
 * {@code batch/update} (the association stays), removed by {@code batch/archive}. Answers are matched back by
 * {@code objectWriteTraceId} (the conversation id), by id for updates, and by position only when HubSpot echoes
 * neither.
 */
final class HubSpotActivities {

	static final ActivityFormat FORMAT = new ActivityFormat(true, 65_536, "HubSpot");

	private static final Map<String, Integer> ASSOCIATION_TO_CONTACT = Map.of("notes", 202, "communications", 81);

	/** Sends one request and answers 2xx or 400 (a 404 of an archive counts as gone). */
	interface Sender {
		HubSpotResponse send(String path, String body);
	}

	private final JsonMapper json;

	HubSpotActivities(JsonMapper json) {
		this.json = json;
	}

	/** The HubSpot object a conversation becomes. */
	static String object(String kind) {
		return Activities.COMMUNICATION.equals(kind) ? "communications" : "notes";
	}

	String body(List<CrmActivity> activities) {
		List<Map<String, Object>> inputs = new ArrayList<>(activities.size());
		for (CrmActivity activity : activities) {
			Map<String, Object> input = new LinkedHashMap<>();
			if (activity.isUpdate()) {
				input.put("id", activity.crmId());
			}
			input.put("objectWriteTraceId", Long.toString(activity.conversationId()));
			input.put("properties", properties(activity));
			if (!activity.isUpdate()) {
				input.put("associations", List.of(Map.of("to", Map.of("id", activity.parentCrmId()), "types",
						List.of(Map.of("associationCategory", "HUBSPOT_DEFINED", "associationTypeId",
								ASSOCIATION_TO_CONTACT.get(object(activity.kind())))))));
			}
			inputs.add(input);
		}
		return json.writeValueAsString(Map.of("inputs", inputs));
	}

	/** The properties an engagement of this kind writes, with the value each always takes (null: the chat's). */
	static Map<String, String> written(String kind) {
		Map<String, String> written = new LinkedHashMap<>();
		written.put("hs_timestamp", null);
		if (Activities.COMMUNICATION.equals(kind)) {
			written.put("hs_communication_channel_type", "WHATS_APP");
			written.put("hs_communication_logged_from", "CRM");
			written.put("hs_communication_body", null);
		}
		else {
			written.put("hs_note_body", null);
		}
		return written;
	}

	private static Map<String, String> properties(CrmActivity activity) {
		Map<String, String> properties = written(activity.kind());
		properties.replaceAll((name, value) -> value != null ? value
				: name.equals("hs_timestamp") ? activity.startedAt().toString() : activity.body());
		return properties;
	}

	List<ActivityResult> push(CrmMapping mapping, List<CrmActivity> activities, Sender sender) {
		HubSpotPaths paths = HubSpotPaths.of(mapping, object(activities.get(0).kind()));
		boolean updates = activities.get(0).isUpdate();
		HubSpotResponse response = sender.send(updates ? paths.update() : paths.create(), body(activities));
		if (!response.isSuccess()) {
			List<ActivityResult> refused = new ArrayList<>();
			activities.forEach(activity -> refused.add(ActivityResult.failed(activity.conversationId(),
					response.errorCode(), response.message())));
			return refused;
		}
		return match(activities, response.body());
	}

	private static List<ActivityResult> match(List<CrmActivity> activities, JsonNode body) {
		Map<String, Long> byTrace = new HashMap<>();
		Map<String, Long> byId = new HashMap<>();
		activities.forEach(activity -> {
			byTrace.put(Long.toString(activity.conversationId()), activity.conversationId());
			if (activity.isUpdate()) {
				byId.put(activity.crmId(), activity.conversationId());
			}
		});
		Map<Long, ActivityResult> results = new LinkedHashMap<>();
		JsonNode answered = body.path("results");
		for (int i = 0; i < answered.size(); i++) {
			JsonNode result = answered.get(i);
			Long conversation = byTrace.getOrDefault(result.path("objectWriteTraceId").asString(""),
					byId.get(result.path("id").asString("")));
			if (conversation == null && answered.size() == activities.size()) {
				conversation = activities.get(i).conversationId();
			}
			if (conversation != null) {
				results.put(conversation, ActivityResult.ok(conversation, result.path("id").asString(null)));
			}
		}
		for (JsonNode error : body.path("errors")) {
			List<Long> failed = new ArrayList<>();
			error.path("context").path("objectWriteTraceId").forEach(trace -> failed.add(byTrace.get(trace.asString(""))));
			error.path("context").path("ids").forEach(id -> failed.add(byId.get(id.asString(""))));
			failed.stream().filter(id -> id != null).forEach(id -> results.put(id,
					ActivityResult.failed(id, HubSpotResponse.errorCode(error), error.path("message").asString(""))));
		}
		List<ActivityResult> all = new ArrayList<>();
		for (CrmActivity activity : activities) {
			all.add(results.getOrDefault(activity.conversationId(), ActivityResult.failed(activity.conversationId(),
					"NO_RESULT", "HubSpot returned no result for this activity")));
		}
		return all;
	}

	List<DeleteResult> delete(CrmMapping mapping, String kind, List<String> crmIds, Sender sender) {
		HubSpotResponse response = sender.send(HubSpotPaths.of(mapping, object(kind)).archive(),
				json.writeValueAsString(Map.of("inputs", crmIds.stream().map(id -> Map.of("id", id)).toList())));
		return crmIds.stream()
			.map(id -> response.isSuccess() || response.status() == 404 ? DeleteResult.ok(id)
					: DeleteResult.failed(id, response.errorCode(), response.message()))
			.toList();
	}
}
