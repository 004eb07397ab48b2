package io.contactsync.crm;

import java.util.Set;

import io.contactsync.store.PersonalDataEraser;
import io.contactsync.store.PurgedContacts;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The CRM's part of a purge. The links stay, so that crm-push removes the records from the CRMs they reached
 * (the audit counts those), for good when the person asked to be erased ({@code erase}): a record removed only
 * restorably, or left in the CRM, when the contact left a mapping's scope is taken up again ('delete_pending').
 * Only what holds personal data goes: the last error (a vendor may quote the email), the match key and the fields
 * last pushed. The conversations go with the contact; their activity links stay, so that crm-push deletes the
 * activities too, with only their last error cleared.
 */
@Component
class CrmEraser implements PersonalDataEraser {

	private final JdbcClient jdbc;

	CrmEraser(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public Set<String> tables() {
		return Set.of("crm_link", "crm_activity_link");
	}

	@Override
	public void erase(PurgedContacts purged) {
		jdbc.sql("""
				update crm_link set last_error = null, match_key = null, pushed_fields = null, erase = :erase,
				       status = case when :erase and crm_id is not null and status in (%s)
				                     then 'delete_pending' else status end
				where contact_id in (select id from purge_contact)""".formatted(CrmLinkStatus.CLOSED))
			.param("erase", purged.erasure())
			.update();
		jdbc.sql("update crm_activity_link set last_error = null where contact_id in (select id from purge_contact)")
			.update();
		jdbc.sql("""
				insert into purge_count (root_id, item, n, removed)
				select p.root_id, 'crmRecordsToDelete', count(l.contact_id), false
				from purge_contact p
				left join crm_link l on l.contact_id = p.id and l.status not in (%s)
				group by p.root_id""".formatted(CrmLinkStatus.CLOSED)).update();
	}
}
