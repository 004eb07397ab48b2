package io.contactsync.api;

/** An edit that does not say which version it was based on (HTTP 428). */
class PreconditionRequiredException extends RuntimeException {

	PreconditionRequiredException(String message) {
		super(message);
	}
}
