package io.contactsync.crm;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A CRM's recycle bin as the Salesforce and Zoho stubs keep it: the ids of records deleted (restorable there) and
 * of those emptied from it for good.
 */
class StubRecycleBin {

	private final Set<String> held = ConcurrentHashMap.newKeySet();

	private final Set<String> emptied = ConcurrentHashMap.newKeySet();

	void put(String id) {
		held.add(id);
	}

	/** Whether the record is in the bin: deleted, and restorable. */
	boolean holds(String id) {
		return held.contains(id);
	}

	/** Removes the record from the bin for good; false when it was not there. */
	boolean empty(String id) {
		if (!held.remove(id)) {
			return false;
		}
		emptied.add(id);
		return true;
	}

	/** Whether the record was emptied from the bin: gone for good. */
	boolean emptied(String id) {
		return emptied.contains(id);
	}

	/** The records in the bin now. */
	Set<String> held() {
		return Set.copyOf(held);
	}

	void clear() {
		held.clear();
		emptied.clear();
	}
}
