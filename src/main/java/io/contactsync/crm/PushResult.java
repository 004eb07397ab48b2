package io.contactsync.crm;

/**
 * What a CRM answered for one record of a batch, matched to the contact by key where the answer has one
 * (Zoho's has none: its results are matched by position after checking there is one per record).
 *
 * @param crmId     the CRM's record id; null when it failed
 * @param errorCode the vendor's code (HubSpot {@code INVALID_EMAIL}, Salesforce {@code REQUIRED_FIELD_MISSING},
 *                  Zoho {@code INVALID_DATA}, ...) when it failed
 */
public record PushResult(long contactId, Outcome outcome, String crmId, String errorCode, String message) {

	/** What a connector answers, whatever the vendor's code, for an update whose record the CRM no longer holds. */
	public static final String RECORD_MISSING = "RECORD_MISSING";

	/** Salesforce's code for an update of a Lead sales converted. */
	public static final String CONVERTED_LEAD = "CANNOT_UPDATE_CONVERTED_LEAD";

	public enum Outcome {
		CREATED, UPDATED, FAILED
	}

	public static PushResult failed(long contactId, String errorCode, String message) {
		return new PushResult(contactId, Outcome.FAILED, null, errorCode, message);
	}
}
