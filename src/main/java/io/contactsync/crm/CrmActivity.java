package io.contactsync.crm;

import java.time.Instant;

/**
 * One conversation as a CRM activity, rendered for its CRM.
 *
 * @param conversationId the store's conversation; what the answer is matched back by
 * @param parentCrmId    the contact's CRM record the activity hangs on
 * @param crmId          the activity's id from an earlier push, updated in place; null to create it
 * @param kind           {@code note} or {@code communication} ({@link CrmMapping.Activities#as()}, per channel)
 * @param channel        the conversation's channel code
 * @param title          the heading the mapping's template made
 * @param body           the transcript, escaped and cut to the CRM's limit
 * @param startedAt      when the chat began: the activity's time on the record's timeline
 */
public record CrmActivity(long conversationId, String parentCrmId, String crmId, String kind, String channel,
		String title, String body, Instant startedAt) {

	public boolean isUpdate() {
		return crmId != null;
	}
}
