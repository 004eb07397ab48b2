package io.contactsync.crm;

import java.util.Map;

/**
 * A contact mapped for one target, ready to be sent.
 *
 * @param before   the fields of ours the CRM held after the last successful push; empty for a create
 * @param pushed   the fields of ours the CRM holds once this record is written: kept in crm_link, for the next
 *                 update's policies and clearing, and for the plan's diffs
 * @param recreate for an update, the record as a create sends it, should the CRM's record be gone; else null
 */
record PushItem(CrmMapping mapping, CrmRecord record, Map<String, String> before, Map<String, String> pushed,
		CrmRecord recreate) {

	/** A create: what it sends is what the CRM holds after. */
	PushItem(CrmMapping mapping, CrmRecord record) {
		this(mapping, record, Map.of(), record.fields(), null);
	}

	/** The create that stands in for this update when the CRM no longer holds the record. */
	PushItem recreated() {
		return new PushItem(mapping, recreate);
	}
}
