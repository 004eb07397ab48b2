package io.contactsync.scoring;

import java.util.List;

/** One contact's result: the score with the rules that made it, its temperature and its lead status with why. */
record LeadScore(long contactId, int score, String temperature, String status, String statusReason,
		List<FiredRule> rules, List<String> intents, int conversations) {

	/** A rule that added points, as GET /api/v1/contacts/{id}/score shows it. */
	record FiredRule(String rule, int points, String reason) {
	}
}
