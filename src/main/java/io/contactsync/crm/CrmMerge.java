package io.contactsync.crm;

/**
 * Two contacts the store merged, each with a record in one CRM: the merged-away one's record goes into the
 * survivor's.
 *
 * @param survivorCrmId the record that stays (the vendor's primary or master record)
 * @param mergedCrmId   the record merged into it
 */
public record CrmMerge(long survivorId, long mergedId, String survivorCrmId, String mergedCrmId) {

	/**
	 * What the CRM answered.
	 *
	 * @param crmId     the surviving record's id after the merge (a vendor may give the merged record a new one);
	 *                  null when it failed
	 * @param errorCode the vendor's code when it failed
	 */
	public record Result(String crmId, String errorCode, String message) {

		/** The survivor's record is gone from the CRM (deleted there), the merged-away one is not. */
		public static final String SURVIVOR_MISSING = "SURVIVOR_RECORD_MISSING";

		public static Result ok(String crmId) {
			return new Result(crmId, null, null);
		}

		public static Result failed(String errorCode, String message) {
			return new Result(null, errorCode, message);
		}

		public boolean merged() {
			return errorCode == null;
		}
	}
}
