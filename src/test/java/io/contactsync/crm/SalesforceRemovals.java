package io.contactsync.crm;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.w3c.dom.NodeList;

/**
 * The Salesforce stub's {@code delete}, {@code emptyRecycleBin} and {@code queryAll} (of converted Leads), as the
 * Partner API answers them. {@code delete} moves a record it holds to the {@link StubRecycleBin Recycle Bin};
 * an id already deleted (in the bin, or emptied from it) answers ENTITY_IS_DELETED, one never issued
 * INVALID_CROSS_REFERENCE_KEY. {@code emptyRecycleBin} removes a record in the bin for good; one already emptied
 * answers ENTITY_IS_DELETED, and a record not deleted fails (this stub's code: INVALID_ID_FIELD). A Lead sales
 * {@link #convert converted} became a Contact, which {@code queryAll} of {@code ConvertedContactId} names while the
 * Lead is held or in the bin. {@code merge} deletes the other records into the master ({@link #merge}).
 */
class SalesforceRemovals {

	private static final Pattern IN_LIST = Pattern.compile("Id IN \\(([^)]*)\\)");

	private final StubRecords leads;

	private final StubRecycleBin bin = new StubRecycleBin();

	/** Converted Leads' Contacts, by Lead id; and the Contacts still held. */
	private final Map<String, String> contactOfLead = new ConcurrentHashMap<>();

	private final Map<String, Boolean> contacts = new ConcurrentHashMap<>();

	/** Each merged record's master (its MasterRecordId). */
	private final Map<String, String> masters = new ConcurrentHashMap<>();

	private final AtomicLong nextContact = new AtomicLong(1);

	SalesforceRemovals(StubRecords leads) {
		this.leads = leads;
	}

	/** As sales converting the Lead: a Contact holding its data; its id. */
	String convert(String leadId) {
		String contact = contactOfLead.computeIfAbsent(leadId,
				lead -> String.format("0035g00000%05dAAA", nextContact.getAndIncrement()));
		contacts.put(contact, true);
		return contact;
	}

	StubRecycleBin bin() {
		return bin;
	}

	/** Whether the stub holds this Contact (not deleted). */
	boolean holdsContact(String id) {
		return contacts.containsKey(id);
	}

	void clear() {
		bin.clear();
		contactOfLead.clear();
		contacts.clear();
		masters.clear();
		nextContact.set(1);
	}

	String delete(NodeList ids) {
		StringBuilder results = new StringBuilder();
		for (int i = 0; i < ids.getLength(); i++) {
			String id = ids.item(i).getTextContent();
			if (leads.removeById(id) != null || contacts.remove(id) != null) {
				bin.put(id);
				results.append(success(id));
			}
			else if (bin.holds(id) || bin.emptied(id)) {
				results.append(error("entity is deleted", "ENTITY_IS_DELETED"));
			}
			else {
				results.append(error("invalid cross reference id", "INVALID_CROSS_REFERENCE_KEY"));
			}
		}
		return "<deleteResponse>" + results + "</deleteResponse>";
	}

	/**
	 * {@code merge()} as Salesforce answers it: the master keeps its values and its id, each other record goes to
	 * the Recycle Bin with the master as its {@code MasterRecordId}; a master or record already deleted answers
	 * ENTITY_IS_DELETED, one never issued INVALID_CROSS_REFERENCE_KEY.
	 */
	String merge(String masterId, NodeList victimIds) {
		String refused = missing(masterId);
		for (int i = 0; refused == null && i < victimIds.getLength(); i++) {
			refused = missing(victimIds.item(i).getTextContent());
		}
		if (refused != null) {
			return "<mergeResponse>" + refused + "</mergeResponse>";
		}
		StringBuilder merged = new StringBuilder();
		for (int i = 0; i < victimIds.getLength(); i++) {
			String victim = victimIds.item(i).getTextContent();
			leads.removeById(victim);
			bin.put(victim);
			masters.put(victim, masterId);
			merged.append("<mergedRecordIds>").append(victim).append("</mergedRecordIds>");
		}
		return "<mergeResponse><result><id>" + masterId + "</id>" + merged + "<success>true</success></result>"
				+ "</mergeResponse>";
	}

	/** The record a merged one was merged into. */
	String masterOf(String id) {
		return masters.get(id);
	}

	private String missing(String id) {
		if (leads.byId(id) != null) {
			return null;
		}
		return bin.holds(id) || bin.emptied(id) ? error("entity is deleted", "ENTITY_IS_DELETED")
				: error("invalid cross reference id", "INVALID_CROSS_REFERENCE_KEY");
	}

	String emptyRecycleBin(NodeList ids) {
		StringBuilder results = new StringBuilder();
		for (int i = 0; i < ids.getLength(); i++) {
			String id = ids.item(i).getTextContent();
			if (bin.empty(id)) {
				results.append(success(id));
			}
			else if (bin.emptied(id)) {
				results.append(error("entity is deleted", "ENTITY_IS_DELETED"));
			}
			else {
				results.append(error("record is not in the recycle bin", "INVALID_ID_FIELD"));
			}
		}
		return "<emptyRecycleBinResponse>" + results + "</emptyRecycleBinResponse>";
	}

	/** {@code SELECT Id, ConvertedContactId FROM Lead WHERE IsConverted = true AND Id IN (...)}, as it is sent. */
	String queryAll(String query) {
		Matcher in = IN_LIST.matcher(query);
		if (!query.startsWith("SELECT Id, ConvertedContactId FROM Lead WHERE IsConverted = true") || !in.find()) {
			throw new IllegalArgumentException("this stub answers only the converted Leads' query: " + query);
		}
		StringBuilder records = new StringBuilder();
		int size = 0;
		for (String quoted : in.group(1).split(",")) {
			String lead = quoted.trim().replace("'", "");
			String contact = contactOfLead.get(lead);
			if (contact != null && (leads.byId(lead) != null || bin.holds(lead))) {
				size++;
				records.append("<records xsi:type=\"sf:sObject\"><sf:type>Lead</sf:type><sf:Id>").append(lead)
					.append("</sf:Id><sf:Id>").append(lead).append("</sf:Id><sf:ConvertedContactId>").append(contact)
					.append("</sf:ConvertedContactId></records>");
			}
		}
		return "<queryAllResponse><result xsi:type=\"QueryResult\"><done>true</done><queryLocator xsi:nil=\"true\"/>"
				+ records + "<size>" + size + "</size></result></queryAllResponse>";
	}

	private static String success(String id) {
		return "<result><id>" + id + "</id><success>true</success></result>";
	}

	private static String error(String message, String code) {
		return "<result><errors><message>" + message + "</message><statusCode>" + code
				+ "</statusCode></errors><id xsi:nil=\"true\"/><success>false</success></result>";
	}
}
