package io.contactsync.crm;

/**
 * What a CRM answered for one record of a delete. A record the CRM no longer holds (HubSpot 404, Salesforce
 * ENTITY_IS_DELETED or INVALID_CROSS_REFERENCE_KEY, Zoho INVALID_DATA for an unknown id) counts as deleted:
 * what the store asked for is true in the CRM.
 *
 * @param errorCode the vendor's code when it failed, else null
 */
public record DeleteResult(String crmId, boolean deleted, String errorCode, String message) {

	public static DeleteResult ok(String crmId) {
		return new DeleteResult(crmId, true, null, null);
	}

	public static DeleteResult failed(String crmId, String errorCode, String message) {
		return new DeleteResult(crmId, false, errorCode, message);
	}
}
