package io.contactsync.capture.channel;

/** Display names from the first and last name that Telegram and Messenger give separately. */
final class PersonNames {

	private PersonNames() {
	}

	/** "first last", either part alone when the other is missing, or null when both are. */
	static String full(String first, String last) {
		String joined = ((first == null ? "" : first.strip()) + " " + (last == null ? "" : last.strip())).strip();
		return joined.isEmpty() ? null : joined;
	}
}
