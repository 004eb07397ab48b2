package io.contactsync.policy;

/**
 * One thing wrong in a file people edit (mappings/, jobs/), where it is and how to fix it. Messages quote the file's own text
 * (field names, codes), never contact data: they end up in the start-up log.
 *
 * @param file    the file as the data team knows it, e.g. {@code mappings/hubspot.yml}
 * @param line    1-based line of the offending value
 * @param message what is wrong and the fix
 */
public record FileProblem(String file, int line, String message) {

	@Override
	public String toString() {
		return file + ":" + line + ": " + message;
	}
}
