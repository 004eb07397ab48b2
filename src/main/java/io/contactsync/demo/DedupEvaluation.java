package io.contactsync.demo;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Scores what dedup did against the labels of a sample ({@code _person}), over linked pairs: two contacts are
 * linked by auto-merge when they ended in one contact, and by review when a pending candidate joins the
 * contacts they ended in. A true pair is two contacts of one person.
 */
class DedupEvaluation {

	private static final String LABELLED = """
			with c as (select id, coalesce(merged_into, id) as g, attributes ->> '_person' as person
			           from contact where attributes ->> '_person' is not null)
			""";

	private final JdbcClient jdbc;

	DedupEvaluation(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Figures measure() {
		long truePairs = count("select count(*) from c x join c y on x.person = y.person and x.id < y.id");
		long merged = count("select count(*) from c x join c y on x.g = y.g and x.id < y.id");
		long mergedRight = count("""
				select count(*) from c x join c y on x.g = y.g and x.id < y.id and x.person = y.person""");
		// From each pending candidate to the contacts that ended in each of its two contacts.
		long reviewed = count("""
				select count(*) from duplicate_candidate d join c x on x.g = d.contact_a join c y on y.g = d.contact_b
				where d.status = 'pending'""");
		long reviewedRight = count("""
				select count(*) from duplicate_candidate d join c x on x.g = d.contact_a join c y on y.g = d.contact_b
				where d.status = 'pending' and x.person = y.person""");
		return new Figures(truePairs, merged, mergedRight, reviewed, reviewedRight);
	}

	private long count(String sql) {
		return jdbc.sql(LABELLED + sql).query(Long.class).single();
	}

	record Figures(long truePairs, long merged, long mergedRight, long reviewed, long reviewedRight) {

		double precision() {
			return merged == 0 ? 1 : (double) mergedRight / merged;
		}

		double recall() {
			return truePairs == 0 ? 1 : (double) mergedRight / truePairs;
		}

		double f1() {
			return precision() + recall() == 0 ? 0 : 2 * precision() * recall() / (precision() + recall());
		}

		double recallWithReview() {
			return truePairs == 0 ? 1 : (double) (mergedRight + reviewedRight) / truePairs;
		}

		String describe() {
			return String.format("%d true pairs; auto-merge linked %d pairs, %d right: precision %.4f, recall %.4f,"
					+ " F1 %.4f; review linked %d more, %d right: recall of auto-merge + review %.4f", truePairs, merged,
					mergedRight, precision(), recall(), f1(), reviewed, reviewedRight, recallWithReview());
		}
	}
}
