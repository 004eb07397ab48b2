package io.contactsync.crm;

import java.util.Map;

/**
 * A contact in a mapping's scope, with what was pushed for it last.
 *
 * @param contact      its fields by the names mapping files use
 * @param lastHash     the hash of the fields last pushed to this target, or null
 * @param linkStatus   crm_link's status for this target, or null when never pushed
 * @param crmId        the CRM's id of the record it was pushed to, or null
 * @param pushedFields crm_link's pushed_fields as JSON text, or null: parsed only when the contact is sent
 */
record PushCandidate(CrmMapping mapping, long contactId, Map<String, Object> contact, String lastHash,
		String linkStatus, String crmId, String pushedFields) {
}
