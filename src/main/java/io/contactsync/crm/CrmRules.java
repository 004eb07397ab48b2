package io.contactsync.crm;

import java.util.List;
import java.util.Map;

/**
 * What each CRM allows, as far as a mapping file can get it wrong: objects, the fields an object cannot be
 * created without, records per batch request, the credentials its connector needs and how it deletes.
 */
final class CrmRules {

	private static final Map<CrmTarget, List<String>> OBJECTS = Map.of(
			CrmTarget.HUBSPOT, List.of("contacts"),
			CrmTarget.SALESFORCE, List.of("Lead", "Contact"),
			CrmTarget.ZOHO, List.of("Leads", "Contacts"));

	// Fields the CRM rejects a new record without (Salesforce REQUIRED_FIELD_MISSING, Zoho MANDATORY_NOT_FOUND).
	// Admins can make more fields required; those are the data team's to add.
	private static final Map<String, List<String>> REQUIRED_FIELDS = Map.of(
			"salesforce/Lead", List.of("LastName", "Company"),
			"salesforce/Contact", List.of("LastName"),
			"zoho/Leads", List.of("Last_Name"),
			"zoho/Contacts", List.of("Last_Name"));

	private static final Map<CrmTarget, Integer> BATCH_LIMITS = Map.of(
			CrmTarget.HUBSPOT, 100,
			CrmTarget.SALESFORCE, 200,
			CrmTarget.ZOHO, 100);

	private static final Map<CrmTarget, List<String>> CREDENTIALS = Map.of(
			CrmTarget.HUBSPOT, List.of("accessToken", "baseUrl"),
			CrmTarget.SALESFORCE, List.of("loginUrl", "clientId", "clientSecret"),
			CrmTarget.ZOHO, List.of("accountsUrl", "apiUrl", "clientId", "clientSecret", "refreshToken"));

	/**
	 * What a removal other than an erasure does to the CRM record: the vendor's restorable removal (HubSpot's
	 * archive, Salesforce's and Zoho's recycle bin; {@code archive} and {@code delete} say the same), or
	 * {@code keep} it. An erasure is always permanent, whatever the mapping says.
	 */
	static final List<String> DELETE_MODES = List.of("archive", "delete", "keep");

	static final String KEEP = "keep";

	/** What {@code delete:} is when the mapping does not say. */
	static final String DEFAULT_DELETE = "archive";

	private CrmRules() {
	}

	static List<String> objects(CrmTarget target) {
		return OBJECTS.get(target);
	}

	static List<String> requiredFields(CrmTarget target, String object) {
		return REQUIRED_FIELDS.getOrDefault(target.code() + "/" + object, List.of());
	}

	static int batchLimit(CrmTarget target) {
		return BATCH_LIMITS.get(target);
	}

	/** What a conversation may become in each CRM, the default first. */
	static List<String> activityKinds(CrmTarget target) {
		return switch (target) {
			case HUBSPOT -> List.of(CrmMapping.Activities.NOTE, CrmMapping.Activities.COMMUNICATION);
			case SALESFORCE -> List.of(CrmMapping.Activities.TASK);
			case ZOHO -> List.of(CrmMapping.Activities.NOTE);
		};
	}

	/** Activities per create call: HubSpot's batch create and Zoho's Notes take 100, Salesforce's create() 200. */
	static int activityBatchLimit(CrmTarget target) {
		return target == CrmTarget.SALESFORCE ? 200 : 100;
	}

	static List<String> credentials(CrmTarget target) {
		return CREDENTIALS.get(target);
	}
}
