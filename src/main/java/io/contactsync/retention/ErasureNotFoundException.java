package io.contactsync.retention;

/** The contact has no erasure request waiting. */
public class ErasureNotFoundException extends RuntimeException {

	ErasureNotFoundException(long contactId) {
		super("Contact " + contactId + " has no erasure request waiting; request one with POST on this path.");
	}
}
