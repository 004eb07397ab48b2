package io.contactsync.dedup;

import io.contactsync.dedup.PairScorer.PairScore;
import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * The scoring step's processor: a pair below review is filtered (counted as compared, going no further); the
 * others get their score with its evidence.
 */
class PairFilter implements ItemProcessor<ContactPair, PairScore> {

	private final PairScorer scorer;

	private final double review;

	PairFilter(DedupRules rules, ValueFrequencies frequencies) {
		this.scorer = new PairScorer(rules, frequencies);
		this.review = rules.review();
	}

	@Override
	public PairScore process(ContactPair pair) {
		return scorer.score(pair.a(), pair.b()) < review ? null : scorer.scoreWithEvidence(pair.a(), pair.b());
	}
}
