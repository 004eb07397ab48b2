package io.contactsync.crm;

/**
 * The CRM could not take a batch at all: unreachable, out of quota, or still failing after the retries.
 * The push stops and the run can be restarted; nothing of the batch was recorded as pushed.
 */
public class CrmUnavailableException extends RuntimeException {

	public CrmUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}
}
