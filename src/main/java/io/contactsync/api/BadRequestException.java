package io.contactsync.api;

/** A request the API cannot take as it is; the message tells the caller what to send instead. */
public class BadRequestException extends RuntimeException {

	BadRequestException(String message) {
		super(message);
	}
}
