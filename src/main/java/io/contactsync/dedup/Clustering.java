package io.contactsync.dedup;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.contactsync.dedup.DedupRules.Survivor;

/**
 * Groups contacts into people without chaining: links at or above autoMerge are taken strongest first, and
 * two groups join only if every contact of one scores at least {@code review} against every contact of the
 * other and no pair between them was dismissed. So A~B and B~C never put A with C when A and C are plainly
 * two people; the refused link becomes a duplicate candidate instead.
 */
class Clustering {

	private final DedupRules rules;

	private final PairScorer scorer;

	private final Map<Long, ContactFeatures> features;

	private final Set<Long> dismissed;

	private final Map<Long, Double> knownScores = new HashMap<>();

	private final Map<Long, List<Long>> groups = new HashMap<>();

	/**
	 * @param features  the contacts of the strong links, by id
	 * @param dismissed pairs a person said are two people, as {@link #pairKey(long, long)}
	 */
	Clustering(DedupRules rules, PairScorer scorer, Map<Long, ContactFeatures> features, Set<Long> dismissed) {
		this.rules = rules;
		this.scorer = scorer;
		this.features = features;
		this.dismissed = dismissed;
	}

	/**
	 * Clusters by the links (each scored pair, at or above review), and returns the strong links it refused.
	 */
	List<Link> cluster(List<Link> links) {
		links.forEach(link -> knownScores.put(pairKey(link.a(), link.b()), link.score()));
		List<Link> refused = new ArrayList<>();
		links.stream().filter(link -> link.score() >= rules.autoMerge())
			.sorted(Comparator.comparingDouble(Link::score).reversed().thenComparingLong(Link::a)
				.thenComparingLong(Link::b))
			.forEach(link -> {
				if (!join(link.a(), link.b())) {
					refused.add(link);
				}
			});
		return refused;
	}

	/** Every group of two or more, survivor first, then the others oldest first. */
	List<List<Long>> clusters() {
		List<List<Long>> clusters = new ArrayList<>();
		Set<List<Long>> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		for (List<Long> members : groups.values()) {
			if (members.size() > 1 && seen.add(members)) {
				List<Long> ordered = new ArrayList<>(members);
				ordered.sort(survivorOrder());
				clusters.add(ordered);
			}
		}
		clusters.sort(Comparator.comparing(cluster -> cluster.get(0)));
		return clusters;
	}

	private boolean join(long a, long b) {
		List<Long> groupA = group(a);
		List<Long> groupB = group(b);
		if (groupA == groupB) {
			return true;
		}
		for (long x : groupA) {
			for (long y : groupB) {
				if (dismissed.contains(pairKey(x, y)) || score(x, y) < rules.review()) {
					return false;
				}
			}
		}
		groupA.addAll(groupB);
		groupB.forEach(y -> groups.put(y, groupA));
		return true;
	}

	private List<Long> group(long contact) {
		return groups.computeIfAbsent(contact, id -> new ArrayList<>(List.of(id)));
	}

	private double score(long x, long y) {
		return knownScores.computeIfAbsent(pairKey(x, y), key -> scorer.score(features.get(x), features.get(y)));
	}

	private Comparator<Long> survivorOrder() {
		Comparator<Long> oldest = Comparator.<Long, Instant>comparing(id -> features.get(id).createdAt())
			.thenComparing(id -> id);
		if (rules.survivor() == Survivor.LATEST_ACTIVITY) {
			return Comparator.<Long, Instant>comparing(id -> features.get(id).lastActivityAt(),
					Comparator.nullsLast(Comparator.reverseOrder())).thenComparing(oldest);
		}
		return oldest;
	}

	/** One number for an unordered pair of contact ids (both below 2^31 in any store this job is meant for). */
	static long pairKey(long x, long y) {
		return Math.min(x, y) << 32 | Math.max(x, y);
	}

	/** A scored pair. */
	record Link(long a, long b, double score, String evidence) {
	}
}
