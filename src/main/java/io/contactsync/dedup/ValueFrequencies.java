package io.contactsync.dedup;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.contactsync.dedup.DedupRules.Comparison;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * How common each value of the fields compared with {@code frequency: true} is in the store, and what that does
 * to an agreement: a comparison's {@code agree} points are for a value as common as a typical contact's, and a
 * value {@code k} times rarer gains {@code ln k} points (at most half the agree points), one {@code k} times
 * more common loses {@code ln k} (at most all of them). This is the Fellegi-Sunter frequency adjustment: two
 * strangers share "Smith" far more often than "Vlasov".
 */
final class ValueFrequencies {

	static final ValueFrequencies NONE = new ValueFrequencies(Map.of());

	private final Map<String, Field> fields;

	private ValueFrequencies(Map<String, Field> fields) {
		this.fields = fields;
	}

	/**
	 * Counts this run's values of every frequency-weighted field into {@code dedup_frequency}, in the blocking
	 * step's transaction; a run resumed there counts again from scratch.
	 */
	static void count(JdbcClient jdbc, DedupRules rules, long runId) {
		jdbc.sql("delete from dedup_frequency where run_id = :run").param("run", runId).update();
		for (Comparison comparison : weighted(rules)) {
			// The empty value, which folding never leaves, holds how many contacts have a value at all.
			jdbc.sql("""
					insert into dedup_frequency (run_id, field, value, contacts)
					select :run, :field, coalesce(v, ''), count(*)
					from (select %s as v from dedup_feature where run_id = :run) f
					where v <> '' group by rollup (v) having count(*) > 1 or v is null"""
				.formatted(column(comparison.field())))
				.param("run", runId).param("field", comparison.field()).update();
		}
	}

	/** The counts {@link #count} wrote, with per field the typical count: how many share a random contact's value. */
	static ValueFrequencies read(JdbcClient jdbc, DedupRules rules, long runId) {
		Map<String, Field> fields = new HashMap<>();
		for (Comparison comparison : weighted(rules)) {
			Map<String, Integer> counts = new HashMap<>();
			jdbc.sql("select value, contacts from dedup_frequency where run_id = :run and field = :field")
				.param("run", runId).param("field", comparison.field())
				.query(rs -> {
					counts.put(rs.getString(1), rs.getInt(2));
				});
			Integer all = counts.remove("");
			long contacts = all == null ? 0 : all;
			long shared = counts.values().stream().mapToLong(Integer::longValue).sum();
			double squares = counts.values().stream().mapToDouble(c -> (double) c * c).sum() + (contacts - shared);
			fields.put(comparison.field(), new Field(Map.copyOf(counts), contacts == 0 ? 1 : squares / contacts));
		}
		return new ValueFrequencies(Map.copyOf(fields));
	}

	/**
	 * The points to add to an agreement on {@code field} between two values; the commoner of the two counts, as a
	 * typo makes one of them rare.
	 */
	double adjustment(Comparison comparison, String a, String b) {
		Field field = fields.get(comparison.field());
		if (field == null) {
			return 0;
		}
		int count = Math.max(field.counts().getOrDefault(a, 1), field.counts().getOrDefault(b, 1));
		double points = Math.log(field.typical() / count);
		return Math.max(-comparison.agree(), Math.min(comparison.agree() / 2, points));
	}

	private static List<Comparison> weighted(DedupRules rules) {
		return rules.comparisons().stream().filter(Comparison::frequency).toList();
	}

	/** The feature column of a single-valued field. */
	private static String column(String field) {
		return switch (field) {
			case "name.given" -> "given";
			case "name.family" -> "family";
			case "email" -> "email";
			case "email.local" -> "nullif(split_part(email, '@', 1), email)";
			default -> "attributes ->> '" + field.substring("attributes.".length()).replace("'", "''") + "'";
		};
	}

	private record Field(Map<String, Integer> counts, double typical) {
	}
}
