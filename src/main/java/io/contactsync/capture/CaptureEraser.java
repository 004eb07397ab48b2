package io.contactsync.capture;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.contactsync.store.Jdbc;
import io.contactsync.store.PersonalDataEraser;
import io.contactsync.store.PurgedContacts;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Capture's part of an erasure: the payloads in the inbox that carry the people (found through the channel
 * adapters, so that a number that only looks like an id does not count) and the staged and rejected records of
 * runs that read them. Warnings name fields, never values, and so stay.
 */
@Component
class CaptureEraser implements PersonalDataEraser {

	private final JdbcClient jdbc;

	private final CaptureInbox inbox;

	CaptureEraser(JdbcClient jdbc, CaptureInbox inbox) {
		this.jdbc = jdbc;
		this.inbox = inbox;
	}

	@Override
	public Set<String> tables() {
		return Set.of("capture_inbox", "capture_staging", "capture_reject");
	}

	@Override
	public void erase(PurgedContacts purged) {
		List<Long> carriedRoots = purged.erasure() ? dropPayloads() : List.of();
		if (purged.erasure()) {
			jdbc.sql("""
					delete from capture_staging s using contact_identity i, purge_contact p
					where p.id = i.contact_id and s.channel = i.channel and s.visitor = i.external_id""").update();
			jdbc.sql("delete from capture_reject r where r.raw ilike any (select '%' || v || '%' from purge_value)")
				.update();
		}
		// Every root gets its count, 0 too, so that each audit event says the same things.
		jdbc.sql("""
				insert into purge_count (root_id, item, n, removed)
				select r.root_id, 'capturePayloads', count(x.root_id), true
				from (select distinct root_id from purge_contact) r
				left join unnest(cast(:roots as bigint[])) x (root_id) on x.root_id = r.root_id
				group by r.root_id""")
			.param("roots", carriedRoots.toArray(Long[]::new))
			.update();
	}

	/** Drops the payloads that carry each person and returns, for each, the root it carried. */
	private List<Long> dropPayloads() {
		List<Long> roots = new ArrayList<>();
		List<PersonTraces> people = new ArrayList<>();
		jdbc.sql("""
				select r.root_id,
				       array(select i.channel || ':' || i.external_id from contact_identity i
				             join purge_contact p on p.id = i.contact_id where p.root_id = r.root_id) as identities,
				       array(select c.email_normalized from contact c join purge_contact p on p.id = c.id
				             where p.root_id = r.root_id and c.email_normalized is not null) as emails,
				       array(select c.phone_e164 from contact c join purge_contact p on p.id = c.id
				             where p.root_id = r.root_id and c.phone_e164 is not null) as phones
				from (select distinct root_id from purge_contact) r""")
			.query(rs -> {
				roots.add(rs.getLong("root_id"));
				people.add(new PersonTraces(Set.copyOf(Jdbc.strings(rs, "identities")),
						Set.copyOf(Jdbc.strings(rs, "emails")), Set.copyOf(Jdbc.strings(rs, "phones"))));
			});
		Map<Long, Integer> carried = inbox.carrying(people);
		inbox.delete(List.copyOf(carried.keySet()));
		return carried.values().stream().map(roots::get).toList();
	}
}
