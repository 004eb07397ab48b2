package io.contactsync.store;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The explanations lead-scoring keeps in lead_score. */
@Repository
@Transactional(readOnly = true)
public class ContactScoreRepository {

	private static final TypeReference<List<ContactScore.Rule>> RULES = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final JsonMapper json;

	public ContactScoreRepository(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/** The contact's score; empty when lead-scoring has not scored it yet. */
	public Optional<ContactScore> find(long contactId) {
		return jdbc.sql("""
				select contact_id, score, temperature, status, status_reason, rules::text as rules, intents,
				       conversations, since
				from lead_score where contact_id = :id""")
			.param("id", contactId)
			.query((rs, row) -> new ContactScore(rs.getLong("contact_id"), rs.getInt("score"), rs.getString("temperature"),
					rs.getString("status"), rs.getString("status_reason"), json.readValue(rs.getString("rules"), RULES),
					Jdbc.strings(rs, "intents"), rs.getInt("conversations"), Jdbc.instant(rs, "since")))
			.optional();
	}
}
