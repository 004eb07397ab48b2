package io.contactsync.crm;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.contactsync.crm.StubSchema.Field;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers Zoho's token endpoint, {@code settings/fields}, {@code {module}/upsert} and the update by id
 * ({@code PUT {module}}) as Zoho does (crm-api-notes.md 3.1 to 3.3, o, p). The
 * token endpoint issues an access token for the client it knows (any refresh token), and {@code
 * {"error":"invalid_client"}} with 200 otherwise; the upsert refuses tokens it did not issue with a
 * top-level 401 INVALID_TOKEN. It keeps the records it was sent by the first duplicate-check field, so a
 * second upsert of a key answers {@code action: update} with the same id; an update names the record's id, and an
 * id it does not hold fails INVALID_DATA on {@code id}. Writes are held to the module's {@link #schema() fields}:
 * a field the module lacks, a read-only one or a value outside a picklist fails INVALID_DATA naming its
 * {@code api_name}; a create without a mandatory field fails MANDATORY_NOT_FOUND; an Email without a dot after
 * the @ fails INVALID_DATA; JSON null clears a field; a boolean field given anything but a JSON boolean fails INVALID_DATA; a key set by {@link #lockOnce} fails RECORD_LOCKED once. Mixed answers are 207, answers
 * where every record failed 400, both with {@code data[]} in input order. {@code DELETE {module}?ids=}
 * moves the records it holds to its {@link #recycleBin() recycle bin} (SUCCESS) and answers INVALID_DATA for ids it
 * does not hold; {@code DELETE settings/recycle_bin?ids=} removes records from the bin for good, INVALID_DATA for
 * ids not in it, in {@code recycle_bin[]}, and 401 OAUTH_SCOPE_MISMATCH while {@link #recycleBinScope} says the
 * tokens lack {@code ZohoCRM.settings.recycle_bin.DELETE}.
 */
class ZohoStub implements ResponseDefinitionTransformerV2 {

	static final String NAME = "zoho";

	static final String CLIENT_ID = "1000.TESTCLIENT";

	static final String CLIENT_SECRET = "test-client-secret";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final JsonMapper json = JSON;

	private static final List<Field> LEADS = List.of(Field.text("id").typed("bigint").readOnly(),
			Field.text("Email").typed("email").asUnique(), Field.text("First_Name"), Field.text("Last_Name").asRequired(),
			Field.text("Phone").typed("phone"), Field.text("Company"),
			Field.picklist("Lead_Source", "picklist", "-None-", "Advertisement", "Cold Call", "Employee Referral",
					"External Referral", "Online Store", "Partner", "Public Relations", "Trade Show", "Web Download",
					"Web Research", "Chat"),
			Field.picklist("Lead_Status", "picklist", "-None-", "Attempted to Contact", "Contact in Future", "Contacted",
					"Junk Lead", "Lost Lead", "Not Contacted", "Pre-Qualified", "Not Qualified"),
			Field.text("Description").typed("textarea"), Field.text("Email_Opt_Out").typed("boolean"),
			Field.text("Created_Time").typed("datetime").readOnly());

	private final StubRecords held = new StubRecords(4150868000000376001L, Long::toString,
			key -> key.toLowerCase(java.util.Locale.ROOT));

	private final StubSchema schema = new StubSchema(LEADS, false);

	private final StubSchema noteSchema = new StubSchema(List.of(Field.text("id").typed("bigint").readOnly(),
			Field.text("Note_Title").typed("text"), Field.text("Note_Content").typed("textarea"),
			Field.text("Parent_Id").typed("lookup").asRequired(), Field.text("Created_Time").typed("datetime").readOnly()),
			false);

	private final Set<String> issued = ConcurrentHashMap.newKeySet();

	private final Set<String> locked = ConcurrentHashMap.newKeySet();

	private final StubRecycleBin bin = new StubRecycleBin();

	private final ZohoNotesStub notes = new ZohoNotesStub(bin);

	private volatile boolean recycleBinScope = true;

	private final AtomicLong nextToken = new AtomicLong(1);

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public boolean applyGlobally() {
		return false;
	}

	/** What Zoho holds now: fields by duplicate-check value. */
	Map<String, Map<String, String>> records() {
		return held.fields();
	}

	/** Zoho's id for the record with this duplicate-check value. */
	String id(String key) {
		return held.id(key);
	}

	/** The Notes Zoho holds, by id. */
	Map<String, ZohoNotesStub.Note> notes() {
		return notes.all();
	}

	/** The Notes module's fields. */
	StubSchema noteSchema() {
		return noteSchema;
	}

	/** The module's fields. */
	StubSchema schema() {
		return schema;
	}

	/** The recycle bin: the records deleted, and those removed from it for good. */
	StubRecycleBin recycleBin() {
		return bin;
	}

	/** Whether the tokens have the scope that deletes from the recycle bin (they have, until told otherwise). */
	void recycleBinScope(boolean granted) {
		recycleBinScope = granted;
	}

	/** As a Zoho user deleting the record by hand. */
	void deleteInCrm(String key) {
		held.removeById(held.id(key));
	}

	/** The next upsert of this key answers RECORD_LOCKED, as while someone edits the record in Zoho. */
	void lockOnce(String key) {
		locked.add(key);
	}

	void clear() {
		held.clear();
		issued.clear();
		locked.clear();
		bin.clear();
		notes.clear();
		recycleBinScope = true;
		schema.reset();
		noteSchema.reset();
		nextToken.set(1);
	}

	@Override
	public ResponseDefinition transform(ServeEvent event) {
		String path = event.getRequest().getUrl().replaceAll("\\?.*", "");
		if (event.getRequest().getMethod().getName().equals("DELETE")) {
			return delete(event.getRequest().getHeader("Authorization"), event.getRequest().queryParameter("ids").firstValue(),
					path.endsWith("/settings/recycle_bin"));
		}
		if (path.endsWith("/oauth/v2/token")) {
			return token(event.getRequest().getBodyAsString());
		}
		if (path.endsWith("/settings/fields")) {
			boolean notesModule = "Notes".equals(event.getRequest().queryParameter("module").firstValue());
			return fields(event.getRequest().getHeader("Authorization"), notesModule ? noteSchema : schema);
		}
		if (path.endsWith("/crm/v8/Notes")) {
			if (!isIssued(event.getRequest().getHeader("Authorization"))) {
				return invalidToken();
			}
			List<Map<String, Object>> data = notes.write(json.readTree(event.getRequest().getBodyAsString()),
					event.getRequest().getMethod().getName().equals("PUT"), id -> held.byId(id) != null);
			long failed = data.stream().filter(result -> "error".equals(result.get("status"))).count();
			return answer(failed == 0 ? 201 : failed == data.size() ? 400 : 207, Map.of("data", data));
		}
		return write(event.getRequest().getHeader("Authorization"), event.getRequest().getBodyAsString(),
				event.getRequest().getMethod().getName().equals("PUT"));
	}

	private ResponseDefinition token(String form) {
		Map<String, String> params = new LinkedHashMap<>();
		for (String pair : form.split("&")) {
			String[] parts = pair.split("=", 2);
			params.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
					parts.length < 2 ? "" : URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
		}
		if (!"refresh_token".equals(params.get("grant_type")) || !CLIENT_ID.equals(params.get("client_id"))
				|| !CLIENT_SECRET.equals(params.get("client_secret"))
				|| params.getOrDefault("refresh_token", "").isEmpty()) {
			return answer(200, Map.of("error", "invalid_client"));
		}
		String token = "1000.access." + nextToken.getAndIncrement();
		issued.add(token);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("access_token", token);
		body.put("scope", "ZohoCRM.modules.ALL");
		body.put("api_domain", "https://www.zohoapis.com");
		body.put("token_type", "Bearer");
		body.put("expires_in", 3600);
		return answer(200, body);
	}

	private boolean isIssued(String authorization) {
		return authorization != null && issued.contains(authorization.replaceFirst("^Zoho-oauthtoken ", ""));
	}

	private static ResponseDefinition invalidToken() {
		return answer(401, Map.of("code", "INVALID_TOKEN", "details", Map.of(), "message", "invalid oauth token",
				"status", "error"));
	}

	private ResponseDefinition fields(String authorization, StubSchema module) {
		if (!isIssued(authorization)) {
			return invalidToken();
		}
		return answer(200, Map.of("fields", module.fields().stream().map(ZohoStub::field).toList()));
	}

	private static Map<String, Object> field(Field field) {
		Map<String, Object> shown = new LinkedHashMap<>();
		shown.put("api_name", field.name());
		shown.put("field_label", field.name().replace('_', ' '));
		shown.put("display_label", field.name().replace('_', ' '));
		shown.put("data_type", field.type());
		shown.put("json_type", "string");
		shown.put("read_only", !field.writable());
		shown.put("field_read_only", !field.writable());
		shown.put("system_mandatory", field.required());
		shown.put("unique", field.unique() ? Map.of("casesensitive", false) : null);
		shown.put("custom_field", false);
		shown.put("visible", true);
		List<Map<String, Object>> options = new ArrayList<>();
		for (int i = 0; i < field.options().size(); i++) {
			options.add(Map.of("actual_value", field.options().get(i), "display_value", field.options().get(i),
					"sequence_number", i + 1, "type", "used"));
		}
		shown.put("pick_list_values", options);
		return shown;
	}

	private ResponseDefinition write(String authorization, String requestBody, boolean byId) {
		if (!isIssued(authorization)) {
			return invalidToken();
		}
		JsonNode body = json.readTree(requestBody);
		String keyField = body.path("duplicate_check_fields").path(0).asString("Email");
		List<Map<String, Object>> data = new ArrayList<>();
		int index = 0;
		int failed = 0;
		for (JsonNode input : body.path("data")) {
			Map<String, String> fields = new LinkedHashMap<>();
			input.properties().forEach(p -> fields.put(p.getKey(), p.getValue().isNull() ? null : p.getValue().asString()));
			String id = fields.remove("id");
			String notBoolean = notBoolean(input);
			Map<String, Object> result = notBoolean != null ? error("INVALID_DATA", "invalid data", notBoolean, index)
					: locked.remove(java.util.Objects.toString(fields.get(keyField), "").toLowerCase())
					? error("RECORD_LOCKED", "the record is locked", keyField, index) : validate(fields, index, byId);
			if (result == null && byId) {
				result = held.update(id, fields) ? updated(id)
						: error("INVALID_DATA", "the id given seems to be invalid", "id", index);
			}
			index++;
			if (result == null) {
				result = save(keyField, fields);
			}
			else {
				failed++;
			}
			data.add(result);
		}
		int status = failed == 0 ? 200 : failed == data.size() ? 400 : 207;
		return answer(status, Map.of("data", data));
	}

	/** Deletes by id: SUCCESS for a record it holds, INVALID_DATA (details.id) for one it does not. */
	private ResponseDefinition delete(String authorization, String idList, boolean fromBin) {
		if (authorization == null || !issued.contains(authorization.replaceFirst("^Zoho-oauthtoken ", ""))) {
			return answer(401, Map.of("code", "INVALID_TOKEN", "details", Map.of(), "message", "invalid oauth token",
					"status", "error"));
		}
		if (fromBin && !recycleBinScope) {
			return answer(401, Map.of("code", "OAUTH_SCOPE_MISMATCH", "details", Map.of(),
					"message", "invalid oauth scope to access this URL", "status", "error"));
		}
		List<Map<String, Object>> data = new ArrayList<>();
		int failed = 0;
		for (String id : idList.split(",")) {
			Map<String, Object> result = new LinkedHashMap<>();
			boolean removed = fromBin ? bin.empty(id) : held.removeById(id) != null || notes.delete(id);
			if (removed && !fromBin) {
				notes.parentDeleted(id);
			}
			if (!removed) {
				failed++;
				result.put("code", "INVALID_DATA");
				result.put("details", Map.of("id", id));
				result.put("message", "record not deleted");
				result.put("status", "error");
			}
			else {
				if (!fromBin) {
					bin.put(id);
				}
				result.put("code", "SUCCESS");
				result.put("details", Map.of("id", id));
				result.put("message", "record deleted");
				result.put("status", "success");
			}
			data.add(result);
		}
		int status = failed == 0 ? 200 : failed == data.size() ? 400 : 207;
		return answer(status, Map.of(fromBin ? "recycle_bin" : "data", data));
	}

	/** The first boolean field of the input whose value is not a JSON boolean (Zoho refuses "true" there), or null. */
	private String notBoolean(JsonNode input) {
		for (Field field : schema.fields()) {
			JsonNode value = input.path(field.name());
			if (field.type().equals("boolean") && !value.isMissingNode() && !value.isNull() && !value.isBoolean()) {
				return field.name();
			}
		}
		return null;
	}

	private Map<String, Object> validate(Map<String, String> fields, int index, boolean update) {
		for (Map.Entry<String, String> entry : fields.entrySet()) {
			Field field = schema.find(entry.getKey());
			if (field == null || !field.writable()
					|| field.restricted() && entry.getValue() != null && !field.options().contains(entry.getValue())) {
				return error("INVALID_DATA", "invalid data", entry.getKey(), index);
			}
		}
		for (Field field : schema.fields()) {
			boolean missing = update ? fields.containsKey(field.name()) && fields.get(field.name()) == null
					: java.util.Objects.toString(fields.get(field.name()), "").isEmpty();
			if (field.required() && missing) {
				return error("MANDATORY_NOT_FOUND", "required field not found", field.name(), index);
			}
		}
		String email = java.util.Objects.toString(fields.get("Email"), "");
		if (!email.isEmpty() && !email.matches("[^@]+@[^@]+\\.[^@]+")) {
			return error("INVALID_DATA", "invalid data", "Email", index);
		}
		return null;
	}

	private Map<String, Object> updated(String id) {
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("code", "SUCCESS");
		result.put("details", Map.of("Modified_Time", "2026-01-05T10:00:00+00:00", "id", id, "Modified_By",
				Map.of("name", "Integration", "id", "4150868000000225013")));
		result.put("message", "record updated");
		result.put("status", "success");
		return result;
	}

	private Map<String, Object> save(String keyField, Map<String, String> fields) {
		String key = java.util.Objects.toString(fields.get(keyField), "");
		boolean created = held.upsert(keyField, key, fields);
		String id = held.id(key);
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("Modified_Time", "2026-01-05T10:00:00+00:00");
		details.put("Modified_By", Map.of("name", "Integration", "id", "4150868000000225013"));
		details.put("Created_Time", "2026-01-05T10:00:00+00:00");
		details.put("id", id);
		details.put("Created_By", Map.of("name", "Integration", "id", "4150868000000225013"));
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("code", "SUCCESS");
		result.put("duplicate_field", created ? null : keyField);
		result.put("action", created ? "insert" : "update");
		result.put("details", details);
		result.put("message", created ? "record added" : "record updated");
		result.put("status", "success");
		return result;
	}

	/** One record's error as Zoho words it: the code, the field and where in the request it was. */
	static Map<String, Object> error(String code, String message, String field, int index) {
		Map<String, Object> error = new LinkedHashMap<>();
		error.put("code", code);
		error.put("details", Map.of("api_name", field, "json_path", "$.data[" + index + "]." + field));
		error.put("message", message);
		error.put("status", "error");
		return error;
	}

	private static ResponseDefinition answer(int status, Object body) {
		return ResponseDefinitionBuilder.responseDefinition()
			.withStatus(status)
			.withHeader("Content-Type", "application/json;charset=UTF-8")
			.withBody(JSON.writeValueAsString(body))
			.build();
	}
}
