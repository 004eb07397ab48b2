package io.contactsync.crm;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;

import javax.xml.parsers.DocumentBuilderFactory;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.contactsync.crm.StubSchema.Field;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers Salesforce's OAuth token endpoint and the Partner SOAP {@code describeSObject}, {@code upsert},
 * {@code delete}, {@code emptyRecycleBin} and {@code queryAll} as Salesforce does (crm-api-notes.md 2.5, 2.6, 2.8, h, i, l). The token endpoint issues an access token and this server as
 * {@code instance_url} for the client credentials of {@link #CLIENT_SECRET} and any client id starting
 * {@code 3MVG9} (so that each test can bring a client of its own), and 400 {@code invalid_client} otherwise.
 * The SOAP endpoint answers a session it did not issue with an INVALID_SESSION_ID fault (HTTP 500), and
 * keeps the records it was sent by external id, so a second upsert of an id answers {@code created=false}
 * with the same Salesforce id. Writes are held to the Lead {@link #schema() schema} that describeSObject
 * answers: a field the org lacks faults the whole call with INVALID_FIELD, as Salesforce does; per record, a
 * read-only field fails INVALID_FIELD_FOR_INSERT_UPDATE, a value outside a restricted picklist
 * INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST, a create without a required field (or an update nulling one)
 * REQUIRED_FIELD_MISSING, an Email without a dot after the @ INVALID_EMAIL_ADDRESS, and a Lead sales
 * {@link #convert converted} CANNOT_UPDATE_CONVERTED_LEAD. {@code fieldsToNull} clears fields. Results are in
 * input order with a LimitInfoHeader.
 * {@code delete}, {@code emptyRecycleBin} and {@code queryAll} answer as {@link SalesforceRemovals} says, with a
 * Recycle Bin and the Contacts converted Leads became. An external id {@link #lock locked}
 * for n answers comes back UNABLE_TO_LOCK_ROW, unsaved, in the next n upserts that carry it.
 */
class SalesforceStub implements ResponseDefinitionTransformerV2 {

	static final String NAME = "salesforce";

	static final String CLIENT_SECRET = "test-consumer-secret";

	static final String SOAP_PATH = "/services/Soap/u/65.0";

	private static final String PARTNER = "urn:partner.soap.sforce.com";

	private static final String SOBJECT = "urn:sobject.partner.soap.sforce.com";

	private final JsonMapper json = JsonMapper.builder().build();

	private static final List<Field> LEAD = List.of(Field.text("Id").typed("id").readOnly(),
			Field.text("Contact_Sync_Id__c").asUnique(), Field.text("FirstName"), Field.text("LastName").asRequired(),
			Field.text("Company").asRequired(), Field.text("Email").typed("email"), Field.text("Phone").typed("phone"),
			Field.picklist("Status", "picklist", "Open - Not Contacted", "Working - Contacted", "Closed - Converted",
					"Closed - Not Converted"),
			// A restricted LeadSource with the option the shipped mapping sends, as its README asks admins to add.
			Field.picklist("LeadSource", "picklist", "Web", "Phone Inquiry", "Partner Referral", "Purchased List",
					"Other", "Chatbot"),
			Field.picklist("Rating", "picklist", "Hot", "Warm", "Cold"), Field.text("Description").typed("textarea"),
			Field.text("HasOptedOutOfEmail").typed("boolean"),
			Field.text("Created__c").typed("datetime"), Field.text("IsConverted").typed("boolean").readOnly(),
			Field.text("CreatedDate").typed("datetime").readOnly());

	private final StubRecords held = new StubRecords(1, n -> String.format("00Q5g00000%05dAAA", n), key -> key);

	private final StubSchema schema = new StubSchema(LEAD, true);

	private final Set<String> converted = ConcurrentHashMap.newKeySet();

	private final Set<String> issued = ConcurrentHashMap.newKeySet();

	private final SalesforceRemovals removals = new SalesforceRemovals(held);

	private final SalesforceTasks tasks = new SalesforceTasks(removals.bin());

	private final List<Integer> batchSizes = new CopyOnWriteArrayList<>();

	private final Map<String, Integer> locked = new ConcurrentHashMap<>();

	private final AtomicLong nextToken = new AtomicLong(1);

	private final AtomicLong calls = new AtomicLong(40);

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public boolean applyGlobally() {
		return false;
	}

	/** What Salesforce holds now: fields by external id. */
	Map<String, Map<String, String>> records() {
		return held.fields();
	}

	/** Salesforce's id for the record with this external id. */
	String id(String externalId) {
		return held.id(externalId);
	}

	/** The number of SObjects of each upsert the stub answered, in order. */
	List<Integer> batchSizes() {
		return batchSizes;
	}

	/** The next {@code answers} upserts of this external id find its row locked by another transaction. */
	void lock(String externalId, int answers) {
		locked.put(externalId, answers);
	}

	/** The Lead's fields in the org. */
	StubSchema schema() {
		return schema;
	}

	/** As a user typing a value into the Lead of this external id. */
	void editInCrm(String externalId, String field, String value) {
		held.update(held.id(externalId), Map.of(field, value));
	}

	/**
	 * As sales converting the Lead of this external id: from now on it cannot be updated, and a Contact holds its
	 * data; the Contact's id.
	 */
	String convert(String externalId) {
		converted.add(externalId);
		return removals.convert(held.id(externalId));
	}

	/** As a Salesforce user deleting the Lead by hand: it goes to the Recycle Bin. */
	void deleteInCrm(String externalId) {
		String id = held.id(externalId);
		held.removeById(id);
		removals.bin().put(id);
	}

	/** The record a merge merged this one into, or null. */
	String masterOf(String id) {
		return removals.masterOf(id);
	}

	/** The Recycle Bin: the records deleted, and those emptied from it for good. */
	StubRecycleBin recycleBin() {
		return removals.bin();
	}

	/** The Tasks the org holds, fields by id. */
	Map<String, Map<String, String>> tasks() {
		return tasks.all();
	}

	/** Task's fields in the org. */
	StubSchema taskSchema() {
		return tasks.schema();
	}

	/** Whether the org still holds this Contact (one a converted Lead became). */
	boolean holdsContact(String id) {
		return removals.holdsContact(id);
	}

	/** The access token the stub issues {@code n}th (from 1) since it was cleared. */
	static String token(long n) {
		return "00D5g000004TEST!AQ.token." + n;
	}

	void clear() {
		held.clear();
		issued.clear();
		removals.clear();
		tasks.clear();
		batchSizes.clear();
		locked.clear();
		converted.clear();
		schema.reset();
		nextToken.set(1);
	}

	@Override
	public ResponseDefinition transform(ServeEvent event) {
		String url = event.getRequest().getUrl().replaceAll("\\?.*", "");
		if (url.endsWith("/services/oauth2/token")) {
			URI absolute = URI.create(event.getRequest().getAbsoluteUrl());
			String instanceUrl = absolute.getScheme() + "://" + absolute.getAuthority();
			return token(event.getRequest().getBodyAsString(), instanceUrl);
		}
		boolean gzipped = "gzip".equalsIgnoreCase(event.getRequest().getHeader("Content-Encoding"));
		return soap(event.getRequest().getBody(), gzipped);
	}

	private ResponseDefinition token(String form, String instanceUrl) {
		Map<String, String> params = new LinkedHashMap<>();
		for (String pair : form.split("&")) {
			String[] parts = pair.split("=", 2);
			params.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
					parts.length < 2 ? "" : URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
		}
		if (!"client_credentials".equals(params.get("grant_type"))
				|| !params.getOrDefault("client_id", "").startsWith("3MVG9")
				|| !CLIENT_SECRET.equals(params.get("client_secret"))) {
			return ResponseDefinitionBuilder.responseDefinition()
				.withStatus(400)
				.withHeader("Content-Type", "application/json;charset=UTF-8")
				.withBody("{\"error\":\"invalid_client\",\"error_description\":\"invalid client credentials\"}")
				.build();
		}
		String token = token(nextToken.getAndIncrement());
		issued.add(token);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("access_token", token);
		body.put("signature", "c2lnbmF0dXJl");
		body.put("instance_url", instanceUrl);
		body.put("id", instanceUrl + "/id/00D5g000004TESTEAA/0055g00000TESTAAA");
		body.put("token_type", "Bearer");
		body.put("issued_at", "1767607200000");
		return ResponseDefinitionBuilder.responseDefinition()
			.withStatus(200)
			.withHeader("Content-Type", "application/json;charset=UTF-8")
			.withBody(json.writeValueAsString(body))
			.build();
	}

	private ResponseDefinition soap(byte[] body, boolean gzipped) {
		Document request = parse(body, gzipped);
		String session = text(request.getElementsByTagNameNS(PARTNER, "sessionId"));
		if (session == null || !issued.contains(session)) {
			return fault("INVALID_SESSION_ID", "Invalid Session ID found in SessionHeader: Illegal Session");
		}
		Element delete = (Element) request.getElementsByTagNameNS(PARTNER, "delete").item(0);
		if (delete != null) {
			NodeList ids = delete.getElementsByTagNameNS(PARTNER, "ids");
			if (ids.getLength() > 0 && SalesforceTasks.isTask(ids.item(0).getTextContent())) {
				StringBuilder results = new StringBuilder();
				for (int i = 0; i < ids.getLength(); i++) {
					results.append(tasks.delete(ids.item(i).getTextContent()));
				}
				return body("<deleteResponse>" + results + "</deleteResponse>");
			}
			for (int i = 0; i < ids.getLength(); i++) {
				tasks.parentDeleted(ids.item(i).getTextContent());
			}
			return body(removals.delete(ids));
		}
		for (String call : List.of("create", "update")) {
			Element save = (Element) request.getElementsByTagNameNS(PARTNER, call).item(0);
			if (save != null) {
				return saveTasks(save.getElementsByTagNameNS(PARTNER, "sObjects"), call);
			}
		}
		Element empty = (Element) request.getElementsByTagNameNS(PARTNER, "emptyRecycleBin").item(0);
		if (empty != null) {
			return body(removals.emptyRecycleBin(empty.getElementsByTagNameNS(PARTNER, "ids")));
		}
		Element merge = (Element) request.getElementsByTagNameNS(PARTNER, "merge").item(0);
		if (merge != null) {
			Element master = (Element) merge.getElementsByTagNameNS(PARTNER, "masterRecord").item(0);
			String masterId = text(master.getElementsByTagNameNS("*", "Id"));
			NodeList merged = merge.getElementsByTagNameNS(PARTNER, "recordToMergeIds");
			String answer = removals.merge(masterId, merged);
			if (answer.contains("<success>true</success>")) {
				for (int i = 0; i < merged.getLength(); i++) {
					tasks.reparented(merged.item(i).getTextContent(), masterId);
				}
			}
			return body(answer);
		}
		Element retrieve = (Element) request.getElementsByTagNameNS(PARTNER, "retrieve").item(0);
		if (retrieve != null) {
			return body(retrieved(retrieve.getElementsByTagNameNS(PARTNER, "ids")));
		}
		Element queryAll = (Element) request.getElementsByTagNameNS(PARTNER, "queryAll").item(0);
		if (queryAll != null) {
			return body(removals.queryAll(text(queryAll.getElementsByTagNameNS(PARTNER, "queryString"))));
		}
		if (request.getElementsByTagNameNS(PARTNER, "describeSObject").getLength() > 0) {
			boolean task = "Task".equals(text(request.getElementsByTagNameNS(PARTNER, "sObjectType")));
			return xml(200, "<soapenv:Body><describeSObjectResponse>" + SalesforceDescribe.result(task ? "Task" : "Lead",
					task ? tasks.schema().fields() : schema.fields()) + "</describeSObjectResponse></soapenv:Body>",
					"xmlns=\"" + PARTNER + "\"");
		}
		Element upsert = (Element) request.getElementsByTagNameNS(PARTNER, "upsert").item(0);
		if (upsert == null) {
			return fault("INVALID_OPERATION", "this stub answers describeSObject, upsert, create, update, delete,"
					+ " emptyRecycleBin, merge, retrieve and queryAll only");
		}
		String externalIdField = text(upsert.getElementsByTagNameNS(PARTNER, "externalIDFieldName"));
		NodeList sObjects = upsert.getElementsByTagNameNS(PARTNER, "sObjects");
		batchSizes.add(sObjects.getLength());
		List<Map<String, String>> records = new java.util.ArrayList<>();
		for (int i = 0; i < sObjects.getLength(); i++) {
			Map<String, String> fields = new LinkedHashMap<>();
			for (Node child = sObjects.item(i).getFirstChild(); child != null; child = child.getNextSibling()) {
				if (child instanceof Element field && SOBJECT.equals(field.getNamespaceURI())) {
					String name = field.getLocalName();
					if (name.equals("fieldsToNull")) {
						name = field.getTextContent();
						if (schema.find(name) == null) {
							return invalidField(name);
						}
						fields.put(name, null);
					}
					else {
						if (!name.equals("type") && schema.find(name) == null) {
							return invalidField(name);
						}
						fields.put(name, field.getTextContent());
					}
				}
			}
			records.add(fields);
		}
		StringBuilder results = new StringBuilder();
		records.forEach(fields -> results.append(result(externalIdField, fields)));
		return xml(200, "<soapenv:Header><LimitInfoHeader><limitInfo><current>" + calls.incrementAndGet()
				+ "</current><limit>15000</limit><type>API REQUESTS</type></limitInfo></LimitInfoHeader>"
				+ "</soapenv:Header><soapenv:Body><upsertResponse>" + results + "</upsertResponse></soapenv:Body>",
				"xmlns=\"" + PARTNER + "\"");
	}

	/** {@code create()} or {@code update()} of Tasks: the only object either call is sent for. */
	private ResponseDefinition saveTasks(NodeList sObjects, String call) {
		String unknown = SalesforceTasks.unknownField(sObjects, SOBJECT);
		if (unknown != null) {
			return invalidField(unknown, "Task");
		}
		StringBuilder results = new StringBuilder();
		for (int i = 0; i < sObjects.getLength(); i++) {
			Map<String, String> fields = new LinkedHashMap<>();
			for (Node child = sObjects.item(i).getFirstChild(); child != null; child = child.getNextSibling()) {
				if (child instanceof Element field && SOBJECT.equals(field.getNamespaceURI())
						&& !field.getLocalName().equals("type")) {
					fields.put(field.getLocalName(), field.getTextContent());
				}
			}
			results.append(tasks.save(fields, call.equals("update"),
					id -> held.byId(id) != null || removals.holdsContact(id)));
		}
		return body("<" + call + "Response>" + results + "</" + call + "Response>");
	}

	/** {@code retrieve("Id", "Lead", ids)}: each Lead held, and a nil result for one deleted or never issued. */
	private String retrieved(NodeList ids) {
		StringBuilder results = new StringBuilder("<retrieveResponse>");
		for (int i = 0; i < ids.getLength(); i++) {
			String id = ids.item(i).getTextContent();
			results.append(held.byId(id) == null ? "<result xsi:nil=\"true\"/>"
					: "<result xsi:type=\"sf:sObject\"><sf:type>Lead</sf:type><sf:Id>" + id + "</sf:Id></result>");
		}
		return results.append("</retrieveResponse>").toString();
	}

	private static ResponseDefinition body(String content) {
		return xml(200, "<soapenv:Body>" + content + "</soapenv:Body>",
				"xmlns=\"" + PARTNER + "\" xmlns:sf=\"" + SOBJECT + "\"");
	}

	private String result(String externalIdField, Map<String, String> fields) {
		fields.remove("type");
		String key = fields.getOrDefault(externalIdField, "");
		boolean exists = held.id(key) != null;
		if (exists && converted.contains(key)) {
			return error(null, "cannot reference converted lead", "CANNOT_UPDATE_CONVERTED_LEAD");
		}
		String refused = refusal(fields, exists);
		if (refused != null) {
			return refused;
		}
		String email = Objects.toString(fields.get("Email"), "");
		if (!email.isEmpty() && !email.matches("[^@]+@[^@]+\\.[^@]+")) {
			return error("Email", "Email: invalid email address: " + email, "INVALID_EMAIL_ADDRESS");
		}
		Integer lockedFor = locked.get(key);
		if (lockedFor != null) {
			if (lockedFor > 1) {
				locked.put(key, lockedFor - 1);
			}
			else {
				locked.remove(key);
			}
			return error(null, "unable to obtain exclusive access to this record", "UNABLE_TO_LOCK_ROW");
		}
		boolean created = held.upsert(externalIdField, key, fields);
		String id = held.id(key);
		return "<result><created>" + created + "</created><id>" + id + "</id><success>true</success></result>";
	}

	/** The per-record refusal of these fields by the Lead's schema, or null. */
	private String refusal(Map<String, String> fields, boolean exists) {
		for (Map.Entry<String, String> entry : fields.entrySet()) {
			Field field = schema.find(entry.getKey());
			if (!field.writable()) {
				return error(field.name(), "Unable to create/update fields: " + field.name() + ". Please check the "
						+ "security settings of this field and verify that it is read/write for your profile or "
						+ "permission set.", "INVALID_FIELD_FOR_INSERT_UPDATE");
			}
			if (field.restricted() && entry.getValue() != null && !field.options().contains(entry.getValue())) {
				return error(field.name(), field.name() + ": bad value for restricted picklist field: " + entry.getValue(),
						"INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST");
			}
		}
		for (Field field : schema.fields()) {
			boolean missing = exists ? fields.containsKey(field.name()) && fields.get(field.name()) == null
					: Objects.toString(fields.get(field.name()), "").isEmpty();
			if (field.required() && missing) {
				return error(field.name(), "Required fields are missing: [" + field.name() + "]",
						"REQUIRED_FIELD_MISSING");
			}
		}
		return null;
	}

	/** An unknown field faults the whole call, before any record is saved. */
	private static ResponseDefinition invalidField(String name) {
		return invalidField(name, "Lead");
	}

	private static ResponseDefinition invalidField(String name, String entity) {
		String message = "No such column '" + name + "' on entity '" + entity + "'. If you are attempting to use a custom field, "
				+ "be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe "
				+ "call for the appropriate names.";
		return xml(500, "<soapenv:Body><soapenv:Fault><faultcode>sf:INVALID_FIELD</faultcode><faultstring>"
				+ "INVALID_FIELD: " + escape(message) + "</faultstring><detail><sf:InvalidFieldFault "
				+ "xsi:type=\"sf:InvalidFieldFault\"><sf:exceptionCode>INVALID_FIELD</sf:exceptionCode>"
				+ "<sf:exceptionMessage>" + escape(message) + "</sf:exceptionMessage><sf:row>-1</sf:row>"
				+ "<sf:column>-1</sf:column></sf:InvalidFieldFault>"
				+ "</detail></soapenv:Fault></soapenv:Body>", "xmlns:sf=\"urn:fault.partner.soap.sforce.com\"");
	}

	private static String error(String field, String message, String statusCode) {
		return "<result><created>false</created><errors>" + (field == null ? "" : "<fields>" + field + "</fields>")
				+ "<message>" + escape(message)
				+ "</message><statusCode>" + statusCode + "</statusCode></errors><id xsi:nil=\"true\"/>"
				+ "<success>false</success></result>";
	}

	/** A SOAP fault as Salesforce sends it: HTTP 500 with an UnexpectedErrorFault detail. */
	static ResponseDefinition fault(String code, String message) {
		return xml(500, "<soapenv:Body><soapenv:Fault><faultcode>sf:" + code + "</faultcode><faultstring>" + code
				+ ": " + escape(message) + "</faultstring><detail><sf:UnexpectedErrorFault "
				+ "xsi:type=\"sf:UnexpectedErrorFault\"><sf:exceptionCode>" + code + "</sf:exceptionCode>"
				+ "<sf:exceptionMessage>" + escape(message) + "</sf:exceptionMessage></sf:UnexpectedErrorFault>"
				+ "</detail></soapenv:Fault></soapenv:Body>", "xmlns:sf=\"urn:fault.partner.soap.sforce.com\"");
	}

	private static ResponseDefinition xml(int status, String content, String namespace) {
		return ResponseDefinitionBuilder.responseDefinition()
			.withStatus(status)
			.withHeader("Content-Type", "text/xml;charset=UTF-8")
			.withBody("<?xml version=\"1.0\" encoding=\"UTF-8\"?><soapenv:Envelope "
					+ "xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" " + namespace
					+ " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">" + content + "</soapenv:Envelope>")
			.build();
	}

	private static Document parse(byte[] body, boolean gzipped) {
		try {
			// WireMock may already have decompressed the body: only a gzip magic number means it has not.
			InputStream in = new ByteArrayInputStream(body);
			if (gzipped && body.length > 1 && (body[0] & 0xff) == 0x1f && (body[1] & 0xff) == 0x8b) {
				in = new GZIPInputStream(in);
			}
			DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
			factory.setNamespaceAware(true);
			return factory.newDocumentBuilder().parse(in);
		}
		catch (IOException | javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException ex) {
			throw new IllegalStateException("not a SOAP request", ex);
		}
	}

	private static String text(NodeList nodes) {
		return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent();
	}

	private static String escape(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
	}
}
