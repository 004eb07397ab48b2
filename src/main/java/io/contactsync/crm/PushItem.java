package io.contactsync.crm;

import java.util.Map;

/**
 * A contact mapped for one target, ready to be sent.
 *
 * @param pushed   the fields of ours the CRM holds once this record is written: kept in crm_link, for the next
 *                 update's policies and clearing, and for the plan's diffs
 * @param recreate for an update, the record as a create sends it, should the CRM's record be gone; else null
 */
record PushItem(CrmMapping mapping, CrmRecord record, Map<String, String> pushed, CrmRecord recreate) {

	PushItem(CrmMapping mapping, CrmRecord record, Map<String, String> pushed) {
		this(mapping, record, pushed, null);
	}

	/** The create that stands in for this update when the CRM no longer holds the record. */
	PushItem recreated() {
		return new PushItem(mapping, recreate, recreate.fields());
	}
}
