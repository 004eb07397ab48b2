package io.contactsync.dedup;

/** No merge record or duplicate candidate with the id asked for; the message says where to find them. */
public class DedupNotFoundException extends RuntimeException {

	private DedupNotFoundException(String message) {
		super(message);
	}

	static DedupNotFoundException merge(long id) {
		return new DedupNotFoundException("No merge " + id + "; GET /api/v1/merges lists them.");
	}

	static DedupNotFoundException candidate(long id) {
		return new DedupNotFoundException("No duplicate candidate " + id
				+ "; GET /api/v1/duplicates lists the pending ones.");
	}
}
