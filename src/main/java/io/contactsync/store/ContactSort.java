package io.contactsync.store;

/** The orders the contact list offers, each backed by an index. */
public enum ContactSort {

	CREATED_AT("created_at asc", "created_at desc"),
	/** Newest first puts never-active contacts last; oldest first is its exact reverse. */
	LAST_ACTIVITY("last_activity_at asc nulls first", "last_activity_at desc nulls last");

	private final String ascending;

	private final String descending;

	ContactSort(String ascending, String descending) {
		this.ascending = ascending;
		this.descending = descending;
	}

	/** Each order is written exactly as its index is, or PostgreSQL would sort every match instead. */
	String orderBy(boolean ascending) {
		return ascending ? this.ascending + ", id asc" : this.descending + ", id desc";
	}
}
