package io.contactsync.scoring;

import org.springframework.batch.infrastructure.item.ItemProcessor;
import tools.jackson.databind.json.JsonMapper;

/**
 * Scores a contact and lets the result through only when it differs from what the store holds: on a nightly run
 * most contacts stay as they were, and filtering them here spares staging and applying a million unchanged rows.
 */
class ChangedScores implements ItemProcessor<ContactFacts, StagedScore> {

	private final LeadScorer scorer;

	private final JsonMapper json;

	ChangedScores(LeadScorer scorer, JsonMapper json) {
		this.scorer = scorer;
		this.json = json;
	}

	@Override
	public StagedScore process(ContactFacts facts) {
		LeadScore score = scorer.process(facts);
		String rules = json.writeValueAsString(score.rules());
		ContactFacts.Stored stored = facts.stored();
		boolean unchanged = stored != null && Integer.valueOf(score.score()).equals(stored.score())
				&& score.temperature().equals(stored.temperature()) && score.status().equals(stored.status())
				&& score.statusReason().equals(stored.statusReason()) && rules.equals(stored.rules())
				&& score.intents().equals(stored.intents()) && score.conversations() == stored.conversations();
		return unchanged ? null : new StagedScore(score, rules);
	}
}
