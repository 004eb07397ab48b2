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

	/**
	 * The statuses of a link whose CRM record is no longer the contact's to write — removed, left to the CRM
	 * ({@code delete: keep}) or merged into another's — as an SQL list for {@code in (...)}.
	 */
	static final String CLOSED = "'deleted', 'released', 'merged'";

	/** Closed, or about to be removed: a link whose record no push writes and no other contact's may share. */
	static final String NOT_HELD = CLOSED + ", 'delete_pending'";

	private CrmLinkStatus() {
	}

	static boolean isLeftAlone(String status) {
		return CONVERTED.equals(status) || MISSING.equals(status);
	}
}
