package io.contactsync.web;

import java.util.List;
import java.util.Map;

import io.contactsync.dedup.DedupQueries.Candidate;

/**
 * A duplicate candidate as the page shows it: the pair, and its evidence as rows — each field compared with its
 * similarity and points — plus the total points and whether the names matched the other way round.
 */
record CandidateView(Candidate candidate, List<Comparison> comparisons, Object points, boolean namesSwapped) {

	record Comparison(String field, Object similarity, Object points) {
	}

	static CandidateView of(Candidate candidate) {
		List<Comparison> comparisons = candidate.evidence().entrySet().stream()
			.filter(entry -> entry.getValue() instanceof Map<?, ?>)
			.map(entry -> {
				Map<?, ?> values = (Map<?, ?>) entry.getValue();
				return new Comparison(entry.getKey(), values.get("similarity"), values.get("points"));
			})
			.toList();
		return new CandidateView(candidate, comparisons, candidate.evidence().get("points"),
				Boolean.TRUE.equals(candidate.evidence().get("names_swapped")));
	}
}
