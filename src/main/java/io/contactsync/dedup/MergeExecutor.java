package io.contactsync.dedup;

import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;

import io.contactsync.store.AuditLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies a merge plan, set-based, in the caller's transaction: one part of a dedup run's plan
 * ({@code run:<run id>:<part>}), or the one pair of an API call ({@code api:<uuid>}). For each merged-away
 * contact it writes a merge_record whose snapshot holds everything undo needs (the contact as it was, the ids
 * of its identities and conversations, which of the survivor's empty fields it filled), moves its identities
 * and conversations (and with them the messages) to the survivor, fills the survivor's empty fields from the
 * oldest contact that has a value, leaves the merged-away contact as a tombstone pointing at the survivor, and
 * audits it with ids and counts only.
 */
@Component
class MergeExecutor {

	/** Up to what the merge records need: the plan pruned, what each survivor gains. */
	private static final List<String> BEFORE = List.of(
			// A plan row whose contacts changed since it was made (merged elsewhere, deleted) no longer applies.
			"""
			delete from merge_plan p where p.plan = :plan and (p.survivor_id = p.merged_id
			    or not exists (select 1 from live_contact s where s.id = p.survivor_id)
			    or not exists (select 1 from live_contact m where m.id = p.merged_id))""",
			"""
			create temp table merge_fill (survivor_id bigint primary key, name_from bigint, email_from bigint,
			    phone_from bigint, notes_from bigint, last_activity_at timestamptz) on commit drop""",
			"""
			insert into merge_fill
			select p.survivor_id,
			       (array_agg(m.id order by m.created_at, m.id) filter (where m.name is not null and s.name is null))[1]
			           as name_from,
			       (array_agg(m.id order by m.created_at, m.id) filter (where m.email is not null and s.email is null))[1]
			           as email_from,
			       (array_agg(m.id order by m.created_at, m.id) filter (where m.phone is not null and s.phone is null))[1]
			           as phone_from,
			       (array_agg(m.id order by m.created_at, m.id) filter (where m.notes is not null and s.notes is null))[1]
			           as notes_from,
			       max(m.last_activity_at) as last_activity_at
			from merge_plan p join contact m on m.id = p.merged_id join contact s on s.id = p.survivor_id
			where p.plan = :plan group by p.survivor_id""",
			"create temp table merge_gain (survivor_id bigint primary key, attributes jsonb, tags text[]) on commit drop",
			"""
			insert into merge_gain
			select f.survivor_id,
			       (select coalesce(jsonb_object_agg(x.key, x.value), '{}') from (
			            select distinct on (e.key) e.key, e.value
			            from merge_plan p join contact m on m.id = p.merged_id, jsonb_each(m.attributes) e
			            where p.plan = :plan and p.survivor_id = f.survivor_id
			            order by e.key, m.created_at, m.id) x) as attributes,
			       array(select distinct t from merge_plan p join contact m on m.id = p.merged_id, unnest(m.tags) t
			             where p.plan = :plan and p.survivor_id = f.survivor_id) as tags
			from merge_fill f""");

	/**
	 * A merge record per merged-away contact, each audited (ids and counts only) in the same statement so that
	 * the events name exactly the records it wrote.
	 */
	private static final String RECORDS = """
			insert into merge_record (survivor_id, merged_id, snapshot, reason, merged_by)
			select p.survivor_id, p.merged_id, jsonb_build_object(
			    'contact', to_jsonb(m) - 'search_text' - 'email_normalized',
			    'identities', coalesce((select jsonb_agg(jsonb_build_object('id', i.id, 'channel', i.channel,
			        'external_id', i.external_id) order by i.id) from contact_identity i where i.contact_id = m.id), '[]'),
			    'conversations', coalesce((select jsonb_agg(c.id order by c.id) from conversation c
			        where c.contact_id = m.id), '[]'),
			    'redirected', coalesce((select jsonb_agg(t.id order by t.id) from contact t
			        where t.merged_into = m.id), '[]'),
			    'filled', to_jsonb(array_remove(array[
			        case when f.name_from = m.id then 'name' end, case when f.email_from = m.id then 'email' end,
			        case when f.phone_from = m.id then 'phone' end, case when f.notes_from = m.id then 'notes' end],
			        null)),
			    'attributes_added', coalesce((select jsonb_agg(k order by k) from jsonb_object_keys(m.attributes) k
			        where not jsonb_exists(s.attributes, k)), '[]'),
			    'tags_added', to_jsonb(array(select distinct t from unnest(m.tags) t where not t = any(s.tags)
			        order by t)),
			    'survivor_last_activity_at', s.last_activity_at,
			    'score', p.score, 'evidence', p.evidence),
			    p.reason, p.actor
			from merge_plan p join contact m on m.id = p.merged_id join contact s on s.id = p.survivor_id
			join merge_fill f on f.survivor_id = p.survivor_id
			where p.plan = :plan
			returning id, survivor_id, merged_id, merged_by, snapshot""";

	private static final String RECORD_EVENTS = """
			select merged_by, 'merge', 'contact', survivor_id, jsonb_build_object('merged_id', merged_id,
			       'merge_record_id', id, 'score', snapshot -> 'score',
			       'identities_moved', jsonb_array_length(snapshot -> 'identities'),
			       'conversations_moved', jsonb_array_length(snapshot -> 'conversations'))
			from changed""";

	/** The merge itself: survivors filled, identities and conversations moved, tombstones, candidates decided. */
	private static final List<String> AFTER = List.of(
			"""
			update contact s set
			    name = coalesce(s.name, fn.name),
			    email = coalesce(s.email, fe.email),
			    phone = coalesce(s.phone, fp.phone),
			    phone_e164 = case when s.phone is null then fp.phone_e164 else s.phone_e164 end,
			    notes = coalesce(s.notes, fo.notes),
			    last_activity_at = greatest(s.last_activity_at, f.last_activity_at),
			    attributes = g.attributes || s.attributes,
			    tags = array(select distinct t from unnest(s.tags || g.tags) t order by t),
			    version = s.version + 1,
			    updated_at = now()
			from merge_fill f join merge_gain g on g.survivor_id = f.survivor_id
			left join contact fn on fn.id = f.name_from left join contact fe on fe.id = f.email_from
			left join contact fp on fp.id = f.phone_from left join contact fo on fo.id = f.notes_from
			where s.id = f.survivor_id""",
			"""
			update contact_identity i set contact_id = p.survivor_id
			from merge_plan p where p.plan = :plan and i.contact_id = p.merged_id""",
			"""
			update conversation c set contact_id = p.survivor_id
			from merge_plan p where p.plan = :plan and c.contact_id = p.merged_id""",
			// Contacts merged into the merged-away one before now lead straight to the survivor.
			"""
			update contact t set merged_into = p.survivor_id
			from merge_plan p where p.plan = :plan and t.merged_into = p.merged_id""",
			"""
			update contact m set merged_into = p.survivor_id
			from merge_plan p where p.plan = :plan and m.id = p.merged_id""",
			"""
			update duplicate_candidate d set status = 'merged', decided_at = now(), decided_by = p.actor
			from merge_plan p where p.plan = :plan and d.status = 'pending'
			  and d.contact_a = least(p.survivor_id, p.merged_id) and d.contact_b = greatest(p.survivor_id, p.merged_id)""",
			"delete from merge_plan where plan = :plan");

	private static final Logger log = LoggerFactory.getLogger(MergeExecutor.class);

	private final JdbcClient jdbc;

	private final AuditLog audit;

	MergeExecutor(JdbcClient jdbc, AuditLog audit) {
		this.jdbc = jdbc;
		this.audit = audit;
	}

	/** The name of one part of a dedup run's plan. */
	static String runPlan(long runId, int part) {
		return "run:" + runId + ":" + part;
	}

	/** A {@code like} pattern for every part of a dedup run's plan. */
	static String runPlanParts(long runId) {
		return "run:" + runId + ":%";
	}

	/** Applies the plan and returns how many contacts were merged away. */
	@Transactional(propagation = Propagation.MANDATORY)
	public int apply(String plan) {
		BEFORE.forEach(statement -> timed(statement, () -> jdbc.sql(statement).param("plan", plan).update()));
		timed(RECORDS, () -> audit.recordWith(RECORDS, RECORD_EVENTS, Map.of("plan", plan)));
		int merged = 0;
		for (String statement : AFTER) {
			int rows = timed(statement, () -> jdbc.sql(statement).param("plan", plan).update());
			if (statement.startsWith("update contact m set merged_into")) {
				merged = rows;
			}
		}
		return merged;
	}

	private static int timed(String statement, IntSupplier run) {
		long start = System.nanoTime();
		int rows = run.getAsInt();
		log.debug("{} rows in {} ms: {}", rows, (System.nanoTime() - start) / 1_000_000,
				statement.lines().filter(line -> !line.isBlank()).findFirst().orElse("").strip());
		return rows;
	}
}
