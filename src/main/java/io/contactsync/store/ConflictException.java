package io.contactsync.store;

/** The request is sound but the record's state forbids it now; the message says what to do. */
public class ConflictException extends RuntimeException {

	public ConflictException(String message) {
		super(message);
	}
}
