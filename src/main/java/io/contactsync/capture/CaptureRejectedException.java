package io.contactsync.capture;

/**
 * A record capture-import cannot take. It is skipped and reported with its origin and this message, and
 * the rest of the input goes on.
 */
class CaptureRejectedException extends RuntimeException {

	CaptureRejectedException(String reason) {
		super(reason);
	}

	CaptureRejectedException(String reason, Throwable cause) {
		super(reason, cause);
	}
}
