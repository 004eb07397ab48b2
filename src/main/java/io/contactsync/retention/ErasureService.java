package io.contactsync.retention;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.contactsync.store.AuditLog;
import io.contactsync.store.ConflictException;
import io.contactsync.store.ContactRepository;
import io.contactsync.store.ConversationRepository;
import io.contactsync.store.Jdbc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Erasure requests: a contact marked to be purged by the retention job once its grace period has passed, and
 * cancelled until then. Requesting closes the person's open conversations, as the seed asks of a deletion.
 * Each request and cancellation is audited.
 */
@Service
public class ErasureService {

	private final JdbcClient jdbc;

	private final ContactRepository contacts;

	private final ConversationRepository conversations;

	private final AuditLog audit;

	private final RetentionPolicy policy;

	private final Clock clock;

	ErasureService(JdbcClient jdbc, ContactRepository contacts, ConversationRepository conversations, AuditLog audit,
			RetentionPolicy policy, Clock clock) {
		this.jdbc = jdbc;
		this.contacts = contacts;
		this.conversations = conversations;
		this.audit = audit;
		this.policy = policy;
		this.clock = clock;
	}

	/** The grace period when a request names none: jobs/retention.yml's erasure.grace-days. */
	public int defaultGraceDays() {
		return policy.erasureGraceDays();
	}

	/**
	 * Marks the contact for erasure after {@code graceDays} (the policy's when null). A contact already marked
	 * keeps its first request, which is returned.
	 */
	@Transactional
	public ErasureRequest request(long contactId, Integer graceDays, String actor) {
		contacts.lock(contactId);
		Optional<ErasureRequest> existing = waiting(contactId);
		if (existing.isPresent()) {
			return existing.get();
		}
		int days = graceDays == null ? policy.erasureGraceDays() : graceDays;
		// As PostgreSQL keeps it, so that this answer and a later read say the same.
		Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
		Instant due = now.plus(Duration.ofDays(days));
		int closed = conversations.closeOpen(contactId);
		jdbc.sql("""
				update contact set erasure_requested_at = :now, erasure_due_at = :due, erasure_requested_by = :actor,
				       updated_at = now(), version = version + 1
				where id = :id""")
			.param("now", now.atOffset(ZoneOffset.UTC))
			.param("due", due.atOffset(ZoneOffset.UTC))
			.param("actor", actor)
			.param("id", contactId)
			.update();
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("graceDays", days);
		details.put("closedConversations", closed);
		audit.record(actor, "contact.erasure_requested", "contact", contactId, details);
		return new ErasureRequest(contactId, now, actor, due);
	}

	/** Withdraws the request while its grace period lasts. */
	@Transactional
	public void cancel(long contactId, String actor) {
		contacts.lock(contactId);
		ErasureRequest request = waiting(contactId).orElseThrow(() -> new ErasureNotFoundException(contactId));
		if (!clock.instant().isBefore(request.dueAt())) {
			throw new ConflictException("The grace period of contact " + contactId + "'s erasure request ended at "
					+ request.dueAt() + "; the next retention run purges it and it can no longer be cancelled.");
		}
		jdbc.sql("""
				update contact set erasure_requested_at = null, erasure_due_at = null, erasure_requested_by = null,
				       updated_at = now(), version = version + 1
				where id = :id""")
			.param("id", contactId)
			.update();
		audit.record(actor, "contact.erasure_cancelled", "contact", contactId, Map.of("requestedBy",
				request.requestedBy()));
	}

	/** The waiting request, or {@link ErasureNotFoundException}. */
	@Transactional(readOnly = true)
	public ErasureRequest get(long contactId) {
		return find(contactId).orElseThrow(() -> new ErasureNotFoundException(contactId));
	}

	@Transactional(readOnly = true)
	public Optional<ErasureRequest> find(long contactId) {
		contacts.requireExists(contactId);
		return waiting(contactId);
	}

	private Optional<ErasureRequest> waiting(long contactId) {
		return jdbc.sql("""
				select id, erasure_requested_at, erasure_requested_by, erasure_due_at from contact
				where id = :id and erasure_requested_at is not null""")
			.param("id", contactId)
			.query((rs, row) -> new ErasureRequest(rs.getLong("id"), Jdbc.instant(rs, "erasure_requested_at"),
					rs.getString("erasure_requested_by"), Jdbc.instant(rs, "erasure_due_at")))
			.optional();
	}
}
