package io.contactsync.crm;

import java.util.List;
import java.util.Map;

import io.contactsync.store.AuditLog;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The links of contacts gone from the store, as the deleteRemoved step reads and closes them. A link whose record
 * another contact still holds (the shared record of two people) is read without its crm_id: the link is closed
 * and the record stays. An erased contact's records are audited one event each, with the target and the CRM's
 * id only, so that the trail says what was erased where and when without naming the person.
 */
@Component
class RemovedLinks {

	private final JdbcClient jdbc;

	private final AuditLog audit;

	RemovedLinks(JdbcClient jdbc, AuditLog audit) {
		this.jdbc = jdbc;
		this.audit = audit;
	}

	/** One removed contact's link: {@code erase} when the person asked to be erased. */
	record Link(long contactId, String crmId, boolean erase) {
	}

	/**
	 * The target's links still to close, by contact id: those of contacts gone from the store and, with
	 * {@code onLeaveScope: delete}, those of contacts out of the mapping's scope.
	 */
	List<Link> of(CrmMapping mapping) {
		String leftScope = !CrmMapping.Options.DELETE.equals(mapping.options().onLeaveScope()) ? "" : """
				 or l.crm_id is not null and l.status not in ('converted', 'missing')
				    and exists (select 1 from live_contact c where c.id = l.contact_id
				                and c.erasure_requested_at is null and not (%s))"""
			.formatted(PushCandidateReader.scope(mapping.scope()));
		return jdbc.sql("""
				select l.contact_id,
				       case when exists (select 1 from crm_link o join contact c on c.id = o.contact_id
				                         where o.target = l.target and o.crm_id = l.crm_id
				                           and o.contact_id <> l.contact_id
				                           and o.status not in (%s))
				            then null
				            -- merged into a record that stays: only an erasure sends for it (to empty a bin)
				            when l.status = 'merged' and not l.erase then null
				            else l.crm_id end,
				       l.erase
				from crm_link l
				where l.target = :target and l.status not in ('deleted', 'released')
				  and (not exists (select 1 from contact c where c.id = l.contact_id)%s)
				order by l.contact_id""".formatted(CrmLinkStatus.NOT_HELD, leftScope))
			.param("target", mapping.name())
			.param("channels", PushCandidateReader.channels(mapping))
			.query((rs, row) -> new Link(rs.getLong(1), rs.getString(2), rs.getBoolean(3)))
			.list();
	}

	/** The CRM no longer holds the record (or it never had one): the link is closed, its crm_id kept. */
	void deleted(CrmMapping mapping, Link link) {
		status(mapping, link, "deleted");
		if (link.erase() && link.crmId() != null) {
			audit.record("crm-push", "crm.erased", "contact", link.contactId(),
					Map.of("target", mapping.name(), "crm", mapping.target().code(), "object", mapping.object(),
							"crmId", link.crmId()));
		}
	}

	/** The mapping says {@code delete: keep}: the record stays in the CRM as it is, no longer the store's. */
	void released(CrmMapping mapping, Link link) {
		status(mapping, link, "released");
	}

	/** The CRM refused: tried again next run. */
	void failed(CrmMapping mapping, Link link, DeleteResult result) {
		jdbc.sql("""
				update crm_link set status = 'failed', last_error = :error, attempts = attempts + 1
				where contact_id = :contactId and target = :target""")
			.param("error", result.errorCode() + ": " + result.message())
			.param("contactId", link.contactId())
			.param("target", mapping.name())
			.update();
	}

	private void status(CrmMapping mapping, Link link, String status) {
		jdbc.sql("""
				update crm_link set status = :status, last_error = null, attempts = 0
				where contact_id = :contactId and target = :target""")
			.param("status", status)
			.param("contactId", link.contactId())
			.param("target", mapping.name())
			.update();
	}
}
