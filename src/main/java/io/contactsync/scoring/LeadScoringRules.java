package io.contactsync.scoring;

import java.util.List;

/**
 * The rules of {@code jobs/lead-scoring.yml}: what adds points to a contact's score, how the score becomes a
 * temperature, how the lead status is decided and what counts as a conversion.
 *
 * @param conversations   points by number of conversations, most conversations first; the first reached counts
 * @param recency         points by days since the last activity, nearest first; the first reached counts
 * @param contactDetails  points for an email or a phone
 * @param intents         what the visitor asked about, at most {@link #MAX_INTENTS}
 * @param conversionGoals {@code email}, {@code phone} or intent names; any one reached is a conversion
 */
public record LeadScoringRules(List<CountPoints> conversations, List<RecencyPoints> recency, int contactDetails,
		List<Intent> intents, Temperatures temperature, StatusRules status, List<String> conversionGoals) {

	/** Intents are kept as bits of an int per contact while the job runs. */
	public static final int MAX_INTENTS = 31;

	/** What {@code run validate} says the rules set. */
	public String summary() {
		return String.format("%d intents, hot from %d, warm from %d, conversion goals %s", intents.size(),
				temperature.hot(), temperature.warm(), conversionGoals);
	}

	public record CountPoints(int atLeast, int points) {
	}

	public record RecencyPoints(int withinDays, int points) {
	}

	/** @param phrases every language's phrases together, as written (a trailing * matches any ending) */
	public record Intent(String name, String description, int points, List<String> phrases) {
	}

	/** Scores from {@code hot} up are hot, from {@code warm} up warm, cold below. */
	public record Temperatures(int hot, int warm) {
	}

	public record StatusRules(int archiveInactiveDays, boolean archiveOptedOut, boolean archiveInCrm,
			int newWithinDays, int newMaxConversations, int activeMinConversations, int activeMinScore,
			int activeWithinDays, boolean activeNeedsContactDetails) {
	}
}
