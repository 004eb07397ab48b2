package io.contactsync.dedup;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** What the API shows of dedup: pending candidates (between live contacts) and merges, newest first. */
@Repository
@Transactional(readOnly = true)
public class DedupQueries {

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final JsonMapper json;

	DedupQueries(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	public Page<Candidate> pendingCandidates(int page, int size) {
		String live = """
				from duplicate_candidate d
				join live_contact a on a.id = d.contact_a
				join live_contact b on b.id = d.contact_b
				where d.status = 'pending'""";
		List<Candidate> candidates = jdbc.sql("""
				select d.id, d.score, d.evidence::text as evidence, d.created_at,
				       a.id as a_id, a.name as a_name, a.email as a_email, a.phone as a_phone, a.channel as a_channel,
				       a.created_at as a_created_at,
				       b.id as b_id, b.name as b_name, b.email as b_email, b.phone as b_phone, b.channel as b_channel,
				       b.created_at as b_created_at
				""" + live + " order by d.score desc, d.id limit :limit offset :offset")
			.param("limit", size)
			.param("offset", (page - 1) * size)
			.query((rs, row) -> new Candidate(rs.getLong("id"), rs.getDouble("score"),
					json.readValue(rs.getString("evidence"), MAP), instant(rs, "created_at"), side(rs, "a_"),
					side(rs, "b_")))
			.list();
		long total = jdbc.sql("select count(*) " + live).query(Long.class).single();
		return new Page<>(candidates, total, page, size);
	}

	public Page<Merge> merges(int page, int size) {
		List<Merge> merges = jdbc.sql("""
				select id, survivor_id, merged_id, reason, merged_at, merged_by, undone_at, undone_by,
				       (snapshot ->> 'score')::float8 as score,
				       jsonb_array_length(snapshot -> 'identities') as identities,
				       jsonb_array_length(snapshot -> 'conversations') as conversations
				from merge_record order by id desc limit :limit offset :offset""")
			.param("limit", size)
			.param("offset", (page - 1) * size)
			.query((rs, row) -> new Merge(rs.getLong("id"), rs.getLong("survivor_id"), rs.getLong("merged_id"),
					(Double) rs.getObject("score"), rs.getString("reason"), instant(rs, "merged_at"),
					rs.getString("merged_by"), instant(rs, "undone_at"), rs.getString("undone_by"),
					rs.getInt("identities"), rs.getInt("conversations")))
			.list();
		long total = jdbc.sql("select count(*) from merge_record").query(Long.class).single();
		return new Page<>(merges, total, page, size);
	}

	private static CandidateContact side(ResultSet rs, String prefix) throws SQLException {
		return new CandidateContact(rs.getLong(prefix + "id"), rs.getString(prefix + "name"),
				rs.getString(prefix + "email"), rs.getString(prefix + "phone"), rs.getString(prefix + "channel"),
				instant(rs, prefix + "created_at"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		return FeatureRows.instant(rs, column);
	}

	/** One page of a list, as the contacts list pages. */
	public record Page<T>(List<T> items, long total, int page, int size) {
	}

	/** A pair waiting for a person, with the evidence: per field the similarity and the points it gave. */
	public record Candidate(long id, double score, Map<String, Object> evidence, Instant createdAt,
			CandidateContact contactA, CandidateContact contactB) {
	}

	public record CandidateContact(long id, String name, String email, String phone, String channel,
			Instant createdAt) {
	}

	public record Merge(long id, long survivorId, long mergedId, Double score, String reason, Instant mergedAt,
			String mergedBy, Instant undoneAt, String undoneBy, int identities, int conversations) {
	}
}
