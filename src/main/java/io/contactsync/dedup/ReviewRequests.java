package io.contactsync.dedup;

import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Pairs other features put before the duplicates review: two contacts a CRM push found on one CRM record (one email,
 * kept apart in the store). A pair dismissed before is reopened once with that evidence, because the CRM treats the
 * two as one person; dismissed again, it stays dismissed. A pair already merged stays merged.
 */
@Component
public class ReviewRequests {

	private final JdbcClient jdbc;

	ReviewRequests(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Each contact (a key) would be pushed onto the record its holder (the value) holds in {@code target}; one
	 * statement for all of them, as a push refuses them a chunk at a time.
	 */
	public void sharesCrmRecords(String target, Map<Long, Long> holders) {
		if (holders.isEmpty()) {
			return;
		}
		jdbc.sql("""
				insert into duplicate_candidate (contact_a, contact_b, score, evidence)
				select distinct least(c, h), greatest(c, h), 1, jsonb_build_object('crm_record', :target)
				from unnest(string_to_array(:contacts, ',')::bigint[], string_to_array(:holders, ',')::bigint[]) as p(c, h)
				on conflict (contact_a, contact_b) do update
				set status = 'pending', decided_at = null, decided_by = null,
				    evidence = duplicate_candidate.evidence || excluded.evidence
				where duplicate_candidate.status <> 'merged' and duplicate_candidate.evidence ->> 'crm_record' is null""")
			.param("target", target)
			.param("contacts", join(holders.keySet()))
			.param("holders", join(holders.values()))
			.update();
	}

	private static String join(java.util.Collection<Long> ids) {
		return String.join(",", ids.stream().map(String::valueOf).toList());
	}
}
