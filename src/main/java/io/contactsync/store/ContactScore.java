package io.contactsync.store;

import java.time.Instant;
import java.util.List;

/**
 * A contact's score as lead-scoring explained it: the rules that added points, the temperature the score gives,
 * the lead status and what decided it.
 *
 * @param since when the last run that changed any of this ran
 */
public record ContactScore(long contactId, int score, String temperature, String status, String statusReason,
		List<Rule> rules, List<String> intents, int conversations, Instant since) {

	public record Rule(String rule, int points, String reason) {
	}
}
