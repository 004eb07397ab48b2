package io.contactsync.capture;

/**
 * A payload that cannot be read as capture events: a required field is missing or has the wrong form. The message
 * names the field by its path in the payload and never quotes a value from it, because the values are personal data
 * (names, numbers, message text) and this message ends up in logs and job reports.
 */
public class CaptureFormatException extends RuntimeException {

	public CaptureFormatException(String message) {
		super(message);
	}
}
