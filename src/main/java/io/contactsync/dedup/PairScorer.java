package io.contactsync.dedup;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.contactsync.dedup.DedupRules.Comparison;

/**
 * Scores two contacts by the rules: every comparison adds {@code s * agree} points and takes
 * {@code (1 - s) * disagree}, where {@code s} is how alike the two values are (0 to 1); a value missing on
 * either side adds nothing. The points, starting from the baseline, go through the logistic function, so the
 * score reads like a probability: 0 points is 0.5, +4.6 is 0.99.
 * <p>
 * Given and family names are compared both ways round and the better reading counts, so that a person who
 * wrote "Smith John" once is still recognised; given names that are {@link Nicknames} of one another are equal.
 */
class PairScorer {

	private static final Nicknames NICKNAMES = Nicknames.builtIn();

	private static final int MIN_TYPO_DOMAIN = 6;

	private final DedupRules rules;

	private final ValueFrequencies frequencies;

	private final List<Comparison> nameComparisons = new ArrayList<>();

	private final List<Comparison> otherComparisons = new ArrayList<>();

	PairScorer(DedupRules rules, ValueFrequencies frequencies) {
		this.rules = rules;
		this.frequencies = frequencies;
		for (Comparison comparison : rules.comparisons()) {
			(comparison.field().startsWith("name.") ? nameComparisons : otherComparisons).add(comparison);
		}
	}

	/** The score alone, for the clustering's checks of every pair of a cluster. */
	double score(ContactFeatures a, ContactFeatures b) {
		return evaluate(a, b, null);
	}

	/** The score with its evidence: per field the similarity and the points it gave. */
	PairScore scoreWithEvidence(ContactFeatures a, ContactFeatures b) {
		Map<String, Object> evidence = new LinkedHashMap<>();
		double score = evaluate(a, b, evidence);
		return new PairScore(a.contactId(), b.contactId(), score, evidence);
	}

	private double evaluate(ContactFeatures a, ContactFeatures b, Map<String, Object> evidence) {
		double points = rules.baseline();
		for (Comparison comparison : otherComparisons) {
			points += compare(comparison, a.values(comparison.field()), b.values(comparison.field()), evidence);
		}
		if (!nameComparisons.isEmpty()) {
			Map<String, Object> straightEvidence = evidence == null ? null : new LinkedHashMap<>();
			Map<String, Object> swappedEvidence = evidence == null ? null : new LinkedHashMap<>();
			double straight = 0;
			double swapped = 0;
			for (Comparison comparison : nameComparisons) {
				straight += compare(comparison, a.values(comparison.field()), b.values(comparison.field()),
						straightEvidence);
				swapped += compare(comparison, a.values(comparison.field()), b.values(other(comparison.field())),
						swappedEvidence);
			}
			points += Math.max(straight, swapped);
			if (evidence != null) {
				evidence.putAll(swapped > straight ? swappedEvidence : straightEvidence);
				if (swapped > straight) {
					evidence.put("names_swapped", true);
				}
			}
		}
		double score = 1 / (1 + Math.exp(-points));
		if (evidence != null) {
			evidence.put("points", round(points));
		}
		return score;
	}

	private static String other(String nameField) {
		return nameField.equals("name.given") ? "name.family" : "name.given";
	}

	private double compare(Comparison comparison, List<String> a, List<String> b, Map<String, Object> evidence) {
		if (a.isEmpty() || b.isEmpty()) {
			return 0;
		}
		double similarity = similarity(comparison, a, b);
		double agree = comparison.agree();
		if (similarity > 0 && comparison.frequency()) {
			agree += frequencies.adjustment(comparison, a.get(0), b.get(0));
		}
		double points = similarity * agree - (1 - similarity) * comparison.disagree();
		if (evidence != null) {
			evidence.put(comparison.field(), Map.of("similarity", round(similarity), "points", round(points)));
		}
		return points;
	}

	static double similarity(Comparison comparison, List<String> a, List<String> b) {
		if (ContactFeatures.isMultiValued(comparison.field())) {
			return a.stream().anyMatch(b::contains) ? 1 : 0;
		}
		String x = a.get(0);
		String y = b.get(0);
		if (x.equals(y)) {
			return 1;
		}
		return switch (comparison.method()) {
			case EXACT -> 0;
			case JARO_WINKLER -> comparison.field().equals("name.given") && NICKNAMES.same(x, y) ? 1
					: stretch(StringSimilarity.jaroWinkler(x, y), comparison.floor());
			case EDIT_DISTANCE -> stretch(StringSimilarity.editSimilarity(x, y), comparison.floor());
			case EMAIL -> email(x, y, comparison.floor());
		};
	}

	/**
	 * Equal but for a dropped {@code @} or dot (an address capture could not read); typos in the local part of
	 * one domain's addresses when the numbers they end with agree; or one local part at domains two typos apart
	 * ({@code mial.ru}, {@code hotrnail.com}: no two providers' domains are that close).
	 */
	private static double email(String x, String y, double floor) {
		if (EmailRepair.compact(x).equals(EmailRepair.compact(y))) {
			return 1;
		}
		if (sameDomain(x, y)) {
			return trailingNumber(local(x)).equals(trailingNumber(local(y)))
					? stretch(StringSimilarity.editSimilarity(local(x), local(y)), floor) : 0;
		}
		return !local(x).isEmpty() && local(x).equals(local(y)) && domainTypo(domain(x), domain(y))
				? stretch(StringSimilarity.editSimilarity(x, y), floor) : 0;
	}

	private static boolean domainTypo(String x, String y) {
		return Math.min(x.length(), y.length()) >= MIN_TYPO_DOMAIN && StringSimilarity.editDistance(x, y) <= 2;
	}

	private static String domain(String email) {
		return email.substring(email.lastIndexOf('@') + 1);
	}

	/** At or below the floor a similarity says nothing; above it is stretched to 0..1. */
	private static double stretch(double similarity, double floor) {
		return similarity <= floor ? 0 : (similarity - floor) / (1 - floor);
	}

	private static boolean sameDomain(String x, String y) {
		int atX = x.lastIndexOf('@');
		int atY = y.lastIndexOf('@');
		return atX >= 0 && atY >= 0 && x.substring(atX).equals(y.substring(atY));
	}

	/**
	 * The number at the end of a local part: john.smith7 and john.smith are two people far more often than one
	 * typo, but a digit among letters (sh1rley, d0nna) is a misread letter, not a number anyone chose.
	 */
	private static String trailingNumber(String local) {
		int end = local.length();
		int start = end;
		while (start > 0 && Character.isDigit(local.charAt(start - 1))) {
			start--;
		}
		return local.substring(start, end);
	}

	private static String local(String email) {
		return email.substring(0, Math.max(0, email.lastIndexOf('@')));
	}

	private static double round(double value) {
		return Math.round(value * 1000) / 1000.0;
	}

	/** Two contacts' score ({@code a < b} not required) and why. */
	record PairScore(long a, long b, double score, Map<String, Object> evidence) {
	}
}
