package io.contactsync.dedup;

/**
 * One thing wrong in the match rules, where it is and how to fix it. Messages quote the file, never contact
 * data: they end up in the start-up log.
 */
record RulesProblem(String file, int line, String message) {

	@Override
	public String toString() {
		return file + ":" + line + ": " + message;
	}
}
