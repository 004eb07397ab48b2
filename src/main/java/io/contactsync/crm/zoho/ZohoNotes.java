package io.contactsync.crm.zoho;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.contactsync.crm.ActivityFormat;
import io.contactsync.crm.ActivityResult;
import io.contactsync.crm.CrmActivity;
import io.contactsync.crm.CrmField;
import io.contactsync.crm.CrmMapping;
import io.contactsync.crm.DeleteResult;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Conversations as Zoho Notes on the Lead or Contact (crm-api-notes.md 3.s): {@code POST Notes} with
 * {@code Parent_Id} (the record and its module), {@code Note_Title} and {@code Note_Content} in plain text,
 * {@code PUT Notes} by id to update, at most 100 a call, answers in input order; removed with the module's delete and
 * then from the recycle bin ({@link ZohoRemoval}), since a conversation gone from the store was erased or purged.
 * Zoho states no length limit for either field: the title is kept to 120 characters and the content to 32,000, as
 * its multi-line fields take.
 */
final class ZohoNotes {

	static final ActivityFormat FORMAT = new ActivityFormat(false, 32_000, "Zoho");

	private static final int MAX_TITLE = 120;

	private final ZohoCalls calls;

	private final ZohoRemoval removal;

	private final RestClient client;

	private final JsonMapper json;

	ZohoNotes(ZohoCalls calls, ZohoRemoval removal, RestClient client, JsonMapper json) {
		this.calls = calls;
		this.removal = removal;
		this.client = client;
		this.json = json;
	}

	String body(CrmMapping mapping, List<CrmActivity> activities) {
		List<Map<String, Object>> data = new ArrayList<>(activities.size());
		for (CrmActivity activity : activities) {
			Map<String, Object> note = new LinkedHashMap<>();
			if (activity.isUpdate()) {
				note.put("id", activity.crmId());
			}
			String title = activity.title();
			note.put("Note_Title", title.length() > MAX_TITLE ? title.substring(0, MAX_TITLE - 1) + "…" : title);
			note.put("Note_Content", activity.body());
			if (!activity.isUpdate()) {
				note.put("Parent_Id", Map.of("module", Map.of("api_name", mapping.object()), "id", activity.parentCrmId()));
			}
			data.add(note);
		}
		return json.writeValueAsString(Map.of("data", data));
	}

	List<ActivityResult> push(CrmMapping mapping, List<CrmActivity> activities) {
		String body = body(mapping, activities);
		boolean updates = activities.get(0).isUpdate();
		JsonNode data = calls.send(mapping, (base, authorization) -> (updates ? client.put() : client.post())
			.uri(base + "/crm/v8/Notes")
			.header(HttpHeaders.AUTHORIZATION, authorization)
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.exchange((request, answer) -> ZohoResponse.read(answer, json), true), "data").body().path("data");
		List<ActivityResult> results = new ArrayList<>(activities.size());
		for (int i = 0; i < activities.size(); i++) {
			long conversation = activities.get(i).conversationId();
			results.add(data.size() != activities.size() ? ActivityResult.failed(conversation, "NO_RESULT",
					"Zoho's " + data.size() + " results could not be matched to the " + activities.size() + " notes sent")
					: saved(conversation, data.get(i)));
		}
		return results;
	}

	/** The Note fields a create writes; none takes a fixed value. */
	static Map<String, String> written() {
		Map<String, String> written = new LinkedHashMap<>();
		written.put("Note_Title", null);
		written.put("Note_Content", null);
		written.put("Parent_Id", null);
		return written;
	}

	List<CrmField> describe(CrmMapping mapping) {
		ZohoResponse response = calls.send(mapping, (base, authorization) -> client.get()
			.uri(base + "/crm/v8/settings/fields?module=Notes")
			.header(HttpHeaders.AUTHORIZATION, authorization)
			.exchange((request, answer) -> ZohoResponse.read(answer, json), true), "fields");
		return ZohoSchema.fields(response.body());
	}

	List<DeleteResult> delete(CrmMapping mapping, List<String> crmIds) {
		return removal.remove(mapping, "Notes", crmIds, true);
	}

	private static ActivityResult saved(long conversation, JsonNode result) {
		String id = result.path("details").path("id").asString(null);
		if ("success".equals(result.path("status").asString("")) && id != null) {
			return ActivityResult.ok(conversation, id);
		}
		String field = result.path("details").path("api_name").asString("");
		return ActivityResult.failed(conversation, result.path("code").asString("ERROR"),
				result.path("message").asString("") + (field.isEmpty() ? "" : " (" + field + ")"));
	}
}
