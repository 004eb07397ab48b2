package io.contactsync.dedup;

/**
 * The two fuzzy measures the match rules use, both as a similarity from 0 (nothing alike) to 1 (equal).
 * Written here rather than taken from a library so that the rules' worked example can be followed by hand.
 */
final class StringSimilarity {

	/** Jaro-Winkler's usual prefix scale and the longest prefix it rewards. */
	private static final double PREFIX_SCALE = 0.1;

	private static final int MAX_PREFIX = 4;

	private StringSimilarity() {
	}

	/**
	 * Jaro-Winkler: characters in common within a window, penalised for transpositions, with a bonus for a
	 * shared start, which is where people make the fewest typos in names.
	 */
	static double jaroWinkler(String a, String b) {
		double jaro = jaro(a, b);
		int prefix = 0;
		int limit = Math.min(MAX_PREFIX, Math.min(a.length(), b.length()));
		while (prefix < limit && a.charAt(prefix) == b.charAt(prefix)) {
			prefix++;
		}
		return jaro + prefix * PREFIX_SCALE * (1 - jaro);
	}

	static double jaro(String a, String b) {
		if (a.equals(b)) {
			return 1;
		}
		if (a.isEmpty() || b.isEmpty()) {
			return 0;
		}
		int window = Math.max(0, Math.max(a.length(), b.length()) / 2 - 1);
		boolean[] matchedA = new boolean[a.length()];
		boolean[] matchedB = new boolean[b.length()];
		int matches = 0;
		for (int i = 0; i < a.length(); i++) {
			int from = Math.max(0, i - window);
			int to = Math.min(b.length() - 1, i + window);
			for (int j = from; j <= to; j++) {
				if (!matchedB[j] && a.charAt(i) == b.charAt(j)) {
					matchedA[i] = true;
					matchedB[j] = true;
					matches++;
					break;
				}
			}
		}
		if (matches == 0) {
			return 0;
		}
		int outOfOrder = 0;
		int j = 0;
		for (int i = 0; i < a.length(); i++) {
			if (matchedA[i]) {
				while (!matchedB[j]) {
					j++;
				}
				if (a.charAt(i) != b.charAt(j)) {
					outOfOrder++;
				}
				j++;
			}
		}
		double m = matches;
		return (m / a.length() + m / b.length() + (m - outOfOrder / 2.0) / m) / 3;
	}

	/**
	 * Edits (insert, delete, substitute, swap two neighbours) from one to the other: a swap of two letters is
	 * the commonest typo and counts as one edit, not two.
	 */
	static int editDistance(String a, String b) {
		int[][] d = new int[a.length() + 1][b.length() + 1];
		for (int i = 0; i <= a.length(); i++) {
			d[i][0] = i;
		}
		for (int j = 0; j <= b.length(); j++) {
			d[0][j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			for (int j = 1; j <= b.length(); j++) {
				int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
				int best = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
				if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
					best = Math.min(best, d[i - 2][j - 2] + 1);
				}
				d[i][j] = best;
			}
		}
		return d[a.length()][b.length()];
	}

	/** 1 minus the edits per character of the longer string. */
	static double editSimilarity(String a, String b) {
		int longer = Math.max(a.length(), b.length());
		return longer == 0 ? 1 : 1 - (double) editDistance(a, b) / longer;
	}
}
