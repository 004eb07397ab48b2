package io.contactsync.scoring;

import java.util.Set;

import io.contactsync.store.PersonalDataEraser;
import io.contactsync.store.PurgedContacts;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * lead-scoring's part of a purge: the explanations of the scores and the working rows of its runs. An
 * explanation would also go with its contact by a trigger (V21); deleting it here keeps this list whole.
 */
@Component
class ScoringEraser implements PersonalDataEraser {

	private static final String[] DELETE = { """
			delete from lead_intent_staging where contact_id in (select id from purge_contact)""", """
			delete from lead_score_staging where contact_id in (select id from purge_contact)""", """
			delete from lead_score where contact_id in (select id from purge_contact)""" };

	private final JdbcClient jdbc;

	ScoringEraser(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public Set<String> tables() {
		return Set.of("lead_score", "lead_intent_staging", "lead_score_staging");
	}

	@Override
	public void erase(PurgedContacts purged) {
		for (String sql : DELETE) {
			jdbc.sql(sql).update();
		}
	}
}
