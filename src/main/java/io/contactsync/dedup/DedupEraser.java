package io.contactsync.dedup;

import java.util.Set;

import io.contactsync.store.PersonalDataEraser;
import io.contactsync.store.PurgedContacts;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Dedup's part of a purge: the working rows of its runs and plans (a running run's value counts lose the purged
 * contact's names, which only costs that run their weighting), the duplicate candidates and the merge records,
 * whose evidence and snapshots quote the people. The last two would also go with the contacts by their foreign
 * keys; deleting them here keeps this list whole for whoever reads it, and set-based.
 */
@Component
class DedupEraser implements PersonalDataEraser {

	private static final String[] DELETE = { """
			delete from dedup_frequency f using dedup_feature d
			where d.contact_id in (select id from purge_contact) and f.run_id = d.run_id
			  and (f.value in (d.given, d.family, d.email)
			       or f.value in (select value from jsonb_each_text(d.attributes)))""", """
			delete from dedup_feature where contact_id in (select id from purge_contact)""", """
			delete from dedup_pair where contact_a in (select id from purge_contact)
			   or contact_b in (select id from purge_contact)""", """
			delete from dedup_score where contact_a in (select id from purge_contact)
			   or contact_b in (select id from purge_contact)""", """
			delete from merge_plan where survivor_id in (select id from purge_contact)
			   or merged_id in (select id from purge_contact)""", """
			delete from duplicate_candidate where contact_a in (select id from purge_contact)
			   or contact_b in (select id from purge_contact)""", """
			delete from merge_record where survivor_id in (select id from purge_contact)
			   or merged_id in (select id from purge_contact)""" };

	private final JdbcClient jdbc;

	DedupEraser(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public Set<String> tables() {
		return Set.of("dedup_feature", "dedup_frequency", "dedup_pair", "dedup_score", "merge_plan",
				"duplicate_candidate", "merge_record");
	}

	@Override
	public void erase(PurgedContacts purged) {
		for (String sql : DELETE) {
			jdbc.sql(sql).update();
		}
	}
}
