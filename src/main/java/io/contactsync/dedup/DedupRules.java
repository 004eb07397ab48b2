package io.contactsync.dedup;

import java.util.List;

/**
 * The match rules of {@code jobs/dedup.yml}, checked: what is compared and how much each agreement counts,
 * how candidates are found (blocking), and the two thresholds.
 *
 * @param file         where the rules came from, as messages name it
 * @param autoMerge    a pair scoring at least this is merged by the job
 * @param review       a pair scoring at least this (and below autoMerge) waits for a person
 * @param baseline     the points every pair starts from: how unlikely two contacts are the same person
 * @param survivor     which contact of a cluster keeps its id
 * @param gmailDots    whether Gmail addresses lose the dots and {@code +tag} of their local part
 * @param names        where given and family names come from
 * @param maxBlockSize blocks with more contacts than this are too common a value to compare within
 * @param comparisons  what is compared
 * @param blocking     the keys that put contacts in the same block
 */
record DedupRules(String file, double autoMerge, double review, double baseline, Survivor survivor,
		boolean gmailDots, NameSource names, int maxBlockSize, List<Comparison> comparisons,
		List<BlockingKey> blocking) {

	/** How the survivor of a cluster is chosen. */
	enum Survivor {

		/** The first contact, by created_at (the person's first contact), then id. */
		OLDEST,
		/** The contact active last. */
		LATEST_ACTIVITY
	}

	/** How two values are compared. */
	enum Method {

		/** Equal after normalisation, or any in common for phones and identities. */
		EXACT,
		/** Jaro-Winkler similarity, for names. */
		JARO_WINKLER,
		/** Edit distance relative to length, for codes, numbers and dates with typos. */
		EDIT_DISTANCE,
		/** Equal addresses, or edit distance on the local part when the domain is the same. */
		EMAIL
	}

	/**
	 * One comparison: similarity {@code s} (0 to 1, after {@code floor}) adds {@code s * agree} points and takes
	 * {@code (1 - s) * disagree}; a value missing on either side adds nothing.
	 *
	 * @param floor     a fuzzy similarity at or below this counts as 0, the rest is stretched to 0..1
	 * @param frequency whether agreeing on a rare value counts more, and on a common one less
	 *                  ({@link ValueFrequencies})
	 */
	record Comparison(String field, Method method, double agree, double disagree, double floor, boolean frequency,
			int line) {
	}

	/**
	 * A blocking key: contacts with equal values of all its parts are compared.
	 *
	 * @param maxBlockSize this key's own limit, below the rules' one (0: the rules' one)
	 */
	record BlockingKey(List<KeyPart> parts, int maxBlockSize, int line) {

		boolean usesNames() {
			return parts.stream().anyMatch(part -> part.field().startsWith("name."));
		}
	}

	/**
	 * One field of a blocking key, whole or its first {@code prefix} characters (0: whole), or with
	 * {@code phonetic} its Double Metaphone code: Smith and Smyth alike.
	 */
	record KeyPart(String field, int prefix, boolean phonetic) {
	}

	/** Given and family names from these fields; both null: split from the contact's name. */
	record NameSource(String given, String family) {

		static final NameSource FROM_NAME = new NameSource(null, null);
	}
}
