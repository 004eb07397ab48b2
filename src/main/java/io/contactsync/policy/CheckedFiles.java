package io.contactsync.policy;

import java.util.List;

/**
 * A module's configuration files (under {@code jobs/} or {@code mappings/}) as read and checked at start-up, for
 * {@code run validate} to list. Each module that reads such files says what they set, so that the command listing
 * them needs to know none of the modules.
 */
public interface CheckedFiles {

	/** One line per file: where it was read from and what it sets, or why it is absent. */
	List<String> describe();

	/**
	 * Holds the files against the systems they describe (a CRM's live schema), for {@code run validate online=true};
	 * files that describe no outside system have nothing to check.
	 */
	default OnlineCheck checkOnline() {
		return OnlineCheck.NOTHING;
	}
}
