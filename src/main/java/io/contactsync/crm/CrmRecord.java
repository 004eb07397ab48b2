package io.contactsync.crm;

import java.util.List;
import java.util.Map;

/**
 * A contact as one CRM record: the value of the mapping's match key and every field to write, as strings
 * (the form all three vendors accept), in the mapping's field order.
 *
 * @param contactId the store's contact
 * @param key       the match key's value, which matches the CRM's answer back to this contact
 * @param fields    the fields to write: all mapped ones on a create; on an update those the field policies let go
 * @param hash      a digest of the mapped fields and their policies: equal hashes mean nothing changed since the
 *                  last push
 * @param crmId     the CRM's id of the record this contact was pushed to before: the record is updated by this id,
 *                  whatever its key is now; null to create (or, for Salesforce, upsert by the external id)
 * @param cleared   fields that held a value of ours and are empty in the store now: cleared with the vendor's own
 *                  means (HubSpot {@code ""}, Salesforce {@code fieldsToNull}, Zoho {@code null})
 * @param subscriptionStatus the status the contact's consent sets in the mapping's HubSpot subscription types
 *                  ({@code SUBSCRIBED} or {@code NOT_SUBSCRIBED}), written after the record; null for none
 */
public record CrmRecord(long contactId, String key, Map<String, String> fields, String hash, String crmId,
		List<String> cleared, String subscriptionStatus) {

	public CrmRecord {
		cleared = List.copyOf(cleared);
	}

	/** A record to create. */
	public CrmRecord(long contactId, String key, Map<String, String> fields, String hash) {
		this(contactId, key, fields, hash, null, List.of(), null);
	}

	public boolean isUpdate() {
		return crmId != null;
	}

	/** The same record as a create, for one whose CRM record is gone. */
	CrmRecord asCreate(Map<String, String> allFields) {
		return new CrmRecord(contactId, key, allFields, hash, null, List.of(), subscriptionStatus);
	}
}
