package io.contactsync.crm;

/** crm_link's statuses, as its check constraint lists them. */
final class CrmLinkStatus {

	static final String SYNCED = "synced";

	static final String FAILED = "failed";

	/** A Salesforce Lead sales converted: its Contact is theirs now, and the push leaves the Lead alone. */
	static final String CONVERTED = "converted";

	/**
	 * Its key is another contact's CRM record: kept back, with the hash of what it would send, until that changes
	 * (a new email) or the duplicates review merges the two; not refused again every night meanwhile.
	 */
	static final String SHARED = "shared";

	/** The record was deleted in the CRM and the mapping says {@code onMissing: skip}. */
	static final String MISSING = "missing";

	private CrmLinkStatus() {
	}

	static boolean isLeftAlone(String status) {
		return CONVERTED.equals(status) || MISSING.equals(status);
	}
}
