package io.contactsync.dedup;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.contactsync.store.AuditLog;
import io.contactsync.store.ConflictException;
import io.contactsync.store.ContactNotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Merges a person asked for, decisions on duplicate candidates, and undo. Merges go through the same
 * {@link MergeExecutor} as the dedup job's, so a merge made by hand is undone the same way.
 */
@Service
@Transactional
public class MergeService {

	/** Puts the merged-away contact back as the snapshot has it, and hands back what it lent the survivor. */
	private static final List<String> UNDO = List.of("""
			update contact set merged_into = null where id = :merged""",
			"""
			update contact_identity set contact_id = :merged
			where contact_id = :survivor and id in (select (x ->> 'id')::bigint
			    from merge_record r, jsonb_array_elements(r.snapshot -> 'identities') x where r.id = :record)""",
			"""
			update conversation set contact_id = :merged
			where contact_id = :survivor and id in (select x::bigint
			    from merge_record r, jsonb_array_elements_text(r.snapshot -> 'conversations') x where r.id = :record)""",
			"""
			update contact set merged_into = :merged
			where merged_into = :survivor and id in (select x::bigint
			    from merge_record r, jsonb_array_elements_text(r.snapshot -> 'redirected') x where r.id = :record)""",
			// A lent value goes back only if nobody changed it since; the survivor's own values are never touched.
			"""
			update contact s set
			    name = case when jsonb_exists(f, 'name') and s.name is not distinct from m ->> 'name' then null else s.name end,
			    email = case when jsonb_exists(f, 'email') and s.email is not distinct from m ->> 'email' then null else s.email end,
			    phone_e164 = case when jsonb_exists(f, 'phone') and s.phone is not distinct from m ->> 'phone' then null
			                      else s.phone_e164 end,
			    phone = case when jsonb_exists(f, 'phone') and s.phone is not distinct from m ->> 'phone' then null else s.phone end,
			    notes = case when jsonb_exists(f, 'notes') and s.notes is not distinct from m ->> 'notes' then null else s.notes end,
			    attributes = s.attributes - array(select k from jsonb_array_elements_text(r.snapshot -> 'attributes_added') k
			                                      where s.attributes -> k = m -> 'attributes' -> k),
			    tags = array(select t from unnest(s.tags) t
			                 where not jsonb_exists(r.snapshot -> 'tags_added', t) order by t),
			    last_activity_at = case
			        when s.last_activity_at is not distinct from (m ->> 'last_activity_at')::timestamptz
			         and (r.snapshot ->> 'survivor_last_activity_at') is distinct from (m ->> 'last_activity_at')
			        then (r.snapshot ->> 'survivor_last_activity_at')::timestamptz else s.last_activity_at end,
			    version = s.version + 1,
			    updated_at = now()
			from merge_record r, jsonb_extract_path(r.snapshot, 'contact') m, jsonb_extract_path(r.snapshot, 'filled') f
			where r.id = :record and s.id = :survivor""",
			"""
			update merge_record set undone_at = now(), undone_by = :actor where id = :record""",
			// Undone means "two people": the job must never merge them again, nor suggest them.
			"""
			insert into duplicate_candidate (contact_a, contact_b, score, evidence, status, decided_at, decided_by)
			select least(survivor_id, merged_id), greatest(survivor_id, merged_id), coalesce((snapshot ->> 'score')::numeric, 0),
			       jsonb_build_object('undone_merge', id), 'dismissed', now(), :actor
			from merge_record where id = :record
			on conflict (contact_a, contact_b) do update set status = 'dismissed', decided_at = now(),
			    decided_by = excluded.decided_by""");

	private final JdbcClient jdbc;

	private final MergeExecutor executor;

	private final AuditLog audit;

	MergeService(JdbcClient jdbc, MergeExecutor executor, AuditLog audit) {
		this.jdbc = jdbc;
		this.executor = executor;
		this.audit = audit;
	}

	/**
	 * Merges {@code mergedId} into {@code survivorId}.
	 * @return the merge record's id
	 * @throws ContactNotFoundException when either is missing or merged away (naming its survivor)
	 */
	public long merge(long survivorId, long mergedId, String actor, String reason) {
		if (survivorId == mergedId) {
			throw new ConflictException("A contact cannot be merged into itself; name two different contacts.");
		}
		lockLive(Math.min(survivorId, mergedId));
		lockLive(Math.max(survivorId, mergedId));
		String plan = "api:" + UUID.randomUUID();
		jdbc.sql("""
				insert into merge_plan (plan, survivor_id, merged_id, reason, actor)
				values (:plan, :survivor, :merged, :reason, :actor)""")
			.param("plan", plan)
			.param("survivor", survivorId)
			.param("merged", mergedId)
			.param("reason", reason)
			.param("actor", actor)
			.update();
		executor.apply(plan);
		return jdbc.sql("select max(id) from merge_record where merged_id = :merged and undone_at is null")
			.param("merged", mergedId)
			.query(Long.class)
			.single();
	}

	/** Merges a pending candidate's pair, keeping {@code survivorId} (one of the two). */
	public long mergeCandidate(long candidateId, long survivorId, String actor) {
		Map<String, Object> candidate = pendingCandidate(candidateId);
		long a = ((Number) candidate.get("contact_a")).longValue();
		long b = ((Number) candidate.get("contact_b")).longValue();
		if (survivorId != a && survivorId != b) {
			throw new ConflictException("survivor_id must be " + a + " or " + b + ", the contacts of candidate "
					+ candidateId + ".");
		}
		return merge(survivorId, survivorId == a ? b : a, actor, "duplicate candidate " + candidateId
				+ " merged by hand");
	}

	/** The pair is two people: the candidate is closed and never suggested again. */
	public void dismiss(long candidateId, String actor) {
		pendingCandidate(candidateId);
		jdbc.sql("""
				update duplicate_candidate set status = 'dismissed', decided_at = now(), decided_by = :actor
				where id = :id""").param("id", candidateId).param("actor", actor).update();
		audit.record(actor, "dismiss_duplicate", "duplicate_candidate", candidateId, Map.of());
	}

	/** Undoes a merge: the merged-away contact comes back with its identities, conversations and messages. */
	public void undo(long recordId, String actor) {
		Map<String, Object> record = jdbc.sql("""
				select r.survivor_id, r.merged_id, r.undone_at, m.merged_into, s.merged_into as survivor_merged_into
				from merge_record r join contact m on m.id = r.merged_id join contact s on s.id = r.survivor_id
				where r.id = :id for update of r, m, s""")
			.param("id", recordId)
			.query()
			.listOfRows()
			.stream()
			.findFirst()
			.orElseThrow(() -> DedupNotFoundException.merge(recordId));
		long survivor = ((Number) record.get("survivor_id")).longValue();
		long merged = ((Number) record.get("merged_id")).longValue();
		if (record.get("undone_at") != null) {
			throw new ConflictException("Merge " + recordId + " was already undone.");
		}
		if (record.get("survivor_merged_into") != null) {
			throw new ConflictException("Contact " + survivor + " was itself merged into contact "
					+ record.get("survivor_merged_into") + " later; undo that merge first.");
		}
		if (!Long.valueOf(survivor).equals(asLong(record.get("merged_into")))) {
			throw new ConflictException("Contact " + merged + " is no longer merged into " + survivor
					+ "; this merge cannot be undone.");
		}
		Map<String, Object> parameters = Map.of("record", recordId, "survivor", survivor, "merged", merged,
				"actor", actor);
		UNDO.forEach(statement -> jdbc.sql(statement).params(parameters).update());
		audit.record(actor, "unmerge", "contact", survivor, Map.of("merged_id", merged, "merge_record_id", recordId));
	}

	private Map<String, Object> pendingCandidate(long candidateId) {
		Map<String, Object> candidate = jdbc.sql("""
				select d.contact_a, d.contact_b, d.status from duplicate_candidate d where d.id = :id for update""")
			.param("id", candidateId)
			.query()
			.listOfRows()
			.stream()
			.findFirst()
			.orElseThrow(() -> DedupNotFoundException.candidate(candidateId));
		if (!"pending".equals(candidate.get("status"))) {
			throw new ConflictException("Duplicate candidate " + candidateId + " was already " + candidate.get("status")
					+ ".");
		}
		return candidate;
	}

	private void lockLive(long contactId) {
		Long mergedInto = jdbc.sql("select merged_into from contact where id = :id for update")
			.param("id", contactId)
			.query((rs, row) -> rs.getObject(1) == null ? -1L : rs.getLong(1))
			.optional()
			.orElseThrow(() -> new ContactNotFoundException(contactId, null));
		if (mergedInto >= 0) {
			throw new ContactNotFoundException(contactId, mergedInto);
		}
	}

	private static Long asLong(Object value) {
		return value == null ? null : ((Number) value).longValue();
	}
}
