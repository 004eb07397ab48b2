package io.contactsync.crm;

/**
 * What a CRM answered for one activity of a batch, matched to the conversation.
 *
 * @param crmId     the activity's id in the CRM; null when it failed
 * @param errorCode the vendor's code when it failed
 */
public record ActivityResult(long conversationId, String crmId, String errorCode, String message) {

	public static ActivityResult ok(long conversationId, String crmId) {
		return new ActivityResult(conversationId, crmId, null, null);
	}

	public static ActivityResult failed(long conversationId, String errorCode, String message) {
		return new ActivityResult(conversationId, null, errorCode, message);
	}

	public boolean succeeded() {
		return errorCode == null;
	}
}
