package io.contactsync.store;

/** The orders the contact list offers, each backed by an index. */
public enum ContactSort {

	CREATED_AT("created_at"), LAST_ACTIVITY("last_activity_at");

	private final String column;

	ContactSort(String column) {
		this.column = column;
	}

	/** Newest first puts never-active contacts last; oldest first is its exact reverse. */
	String orderBy(boolean ascending) {
		String direction = ascending ? "asc nulls first" : "desc nulls last";
		String tieBreak = ascending ? "id asc" : "id desc";
		return column + " " + direction + ", " + tieBreak;
	}
}
