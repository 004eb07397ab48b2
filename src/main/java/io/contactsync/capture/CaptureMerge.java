package io.contactsync.capture;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Merges one run's staged events into the store, set-based, in one transaction: a run killed half-way
 * leaves the store as it was, and the resumed run merges again. Every statement is an upsert keyed by
 * what the channels call things (identity, conversation and message ids), so merging the same events
 * twice, or in another order, ends in the same rows.
 *
 * <p>A visitor is found by channel identity, then by normalised email, else becomes a new contact; new
 * visitors of one run who share an email become one contact. Contacts gain the fields (and attributes) they lack but
 * never lose a value or one a person edited. A consent or opt-out counts when it is newer than the one on record.
 */
class CaptureMerge implements Tasklet {

	/** Each statement with the name of the figure its row count gives, or null when none is reported. */
	private static final List<MergeStatement> STATEMENTS = List.of(
			// Staged rows are new to the planner: without statistics it takes a million rows for a few.
			new MergeStatement(null, "analyze capture_staging"),
			new MergeStatement(null, """
					create temp table run_rekey (channel text, visitor text, new_visitor text) on commit drop"""),
			new MergeStatement(null, """
					insert into run_rekey
					select distinct on (channel, visitor) channel, visitor, new_visitor
					from capture_staging where run_id = :run and type = 'identity_changed'
					order by channel, visitor, at desc, seq desc"""),
			new MergeStatement(null, """
					create temp table run_visitor (channel text, visitor text, first_at timestamptz, last_at timestamptz,
					    name text, email text, phone text, phone_e164 text, contact_id bigint, person_key text) on commit drop"""),
			new MergeStatement(null, """
					insert into run_visitor
					select channel, visitor, min(at) as first_at, max(at) as last_at,
					       (array_agg(name order by at desc, seq desc) filter (where name is not null))[1] as name,
					       (array_agg(email order by at desc, seq desc) filter (where email is not null))[1] as email,
					       (array_agg(phone order by at desc, seq desc) filter (where phone is not null))[1] as phone,
					       (array_agg(phone_e164 order by at desc, seq desc) filter (where phone is not null))[1] as phone_e164,
					       null, null
					from (select channel, visitor, at, seq, name, email, phone, phone_e164
					      from capture_staging where run_id = :run
					      union all
					      select channel, new_visitor, at, seq, null, null, null, null
					      from capture_staging where run_id = :run and type = 'identity_changed') events
					group by channel, visitor"""),
			new MergeStatement(null, "create unique index on run_visitor (channel, visitor)"),
			new MergeStatement(null, "analyze run_visitor"),
			// By channel identity; a merged-away contact's identities lead to its survivor.
			new MergeStatement(null, """
					update run_visitor v set contact_id = coalesce(c.merged_into, c.id)
					from contact_identity i join contact c on c.id = i.contact_id
					where i.channel = v.channel and i.external_id = v.visitor"""),
			// A re-keyed visitor (WhatsApp user_changed_number) stays one contact under both ids.
			new MergeStatement(null, """
					update run_visitor n set contact_id = o.contact_id
					from run_rekey k join run_visitor o on o.channel = k.channel and o.visitor = k.visitor
					where n.channel = k.channel and n.visitor = k.new_visitor and n.contact_id is null
					  and o.contact_id is not null"""),
			new MergeStatement(null, """
					update run_visitor o set contact_id = n.contact_id
					from run_rekey k join run_visitor n on n.channel = k.channel and n.visitor = k.new_visitor
					where o.channel = k.channel and o.visitor = k.visitor and o.contact_id is null
					  and n.contact_id is not null"""),
			// By exact normalised email, the oldest contact first.
			new MergeStatement(null, """
					update run_visitor v set contact_id = (
					    select coalesce(c.merged_into, c.id) from contact c
					    where c.email_normalized = lower(btrim(v.email))
					    order by c.merged_into nulls first, c.created_at, c.id limit 1)
					where v.contact_id is null and v.email is not null"""),
			new MergeStatement(null, """
					update run_visitor v set person_key = coalesce('e:' || lower(btrim(v.email)),
					    'v:' || v.channel || ':' || coalesce((select k.visitor from run_rekey k
					        where k.channel = v.channel and k.new_visitor = v.visitor), v.visitor))
					where v.contact_id is null"""),
			new MergeStatement(null, """
					update run_visitor n set person_key = o.person_key
					from run_rekey k join run_visitor o on o.channel = k.channel and o.visitor = k.visitor
					where n.channel = k.channel and n.visitor = k.new_visitor and n.contact_id is null
					  and o.person_key is not null"""),
			new MergeStatement(null, """
					create temp table run_person (id bigint, person_key text, first_at timestamptz, last_at timestamptz,
					    channel text, name text, email text, phone text, phone_e164 text) on commit drop"""),
			new MergeStatement(null, """
					insert into run_person
					select nextval(pg_get_serial_sequence('contact', 'id')) as id, p.*
					from (select person_key, min(first_at) as first_at, max(last_at) as last_at,
					             (array_agg(channel order by first_at, channel, visitor))[1] as channel,
					             (array_agg(name order by last_at desc) filter (where name is not null))[1] as name,
					             (array_agg(email order by last_at desc) filter (where email is not null))[1] as email,
					             (array_agg(phone order by last_at desc) filter (where phone is not null))[1] as phone,
					             (array_agg(phone_e164 order by last_at desc) filter (where phone is not null))[1] as phone_e164
					      from run_visitor where contact_id is null group by person_key) p"""),
			new MergeStatement("contacts created", """
					insert into contact (id, name, email, phone, phone_e164, channel, created_at, last_activity_at)
					select id, name, email, phone, phone_e164, channel, first_at, last_at from run_person"""),
			new MergeStatement(null, """
					update run_visitor v set contact_id = p.id
					from run_person p where v.contact_id is null and v.person_key = p.person_key"""),
			new MergeStatement("identities added", """
					insert into contact_identity (contact_id, channel, external_id, created_at)
					select contact_id, channel, visitor, first_at from run_visitor
					on conflict (channel, external_id) do nothing"""),
			new MergeStatement("contacts updated", """
					update contact c set
					    name = case when v.fill_name then v.name else c.name end,
					    email = case when v.fill_email then v.email else c.email end,
					    phone = case when v.fill_phone then v.phone else c.phone end,
					    phone_e164 = case when v.fill_phone then v.phone_e164 else c.phone_e164 end,
					    created_at = least(c.created_at, v.first_at),
					    last_activity_at = greatest(c.last_activity_at, v.last_at),
					    version = c.version + case when v.fill_name or v.fill_email or v.fill_phone then 1 else 0 end,
					    updated_at = now()
					from (select seen.*,
					             now.name is null and seen.name is not null and not 'name' = any(now.edited_fields) as fill_name,
					             now.email is null and seen.email is not null and not 'email' = any(now.edited_fields) as fill_email,
					             now.phone is null and seen.phone is not null and not 'phone' = any(now.edited_fields) as fill_phone
					      from (select contact_id, min(first_at) as first_at, max(last_at) as last_at,
					                   (array_agg(name order by last_at desc) filter (where name is not null))[1] as name,
					                   (array_agg(email order by last_at desc) filter (where email is not null))[1] as email,
					                   (array_agg(phone order by last_at desc) filter (where phone is not null))[1] as phone,
					                   (array_agg(phone_e164 order by last_at desc) filter (where phone is not null))[1]
					                       as phone_e164
					            from run_visitor group by contact_id) seen
					      join contact now on now.id = seen.contact_id) v
					where c.id = v.contact_id
					  and (v.fill_name or v.fill_email or v.fill_phone or v.first_at < c.created_at
					       or c.last_activity_at is null or v.last_at > c.last_activity_at)"""),
			AttributesMerge.STATEMENT,
			// The visitor's last word on marketing in this run, unless the contact already has a later one.
			new MergeStatement("consents recorded", """
					update contact c set marketing_consent = e.given,
					    consent_at = case when e.given then e.at else c.consent_at end,
					    consent_source = case when e.given then 'capture: ' || e.channel else c.consent_source end,
					    opted_out_at = case when e.given then null else e.at end,
					    opt_out_source = case when e.given then null else 'capture: ' || e.channel end,
					    version = c.version + 1, updated_at = now()
					from (select distinct on (v.contact_id) v.contact_id, s.type = 'consent_given' as given, s.at, s.channel
					      from capture_staging s join run_visitor v on v.channel = s.channel and v.visitor = s.visitor
					      where s.run_id = :run and s.type in ('consent_given', 'opted_out')
					      order by v.contact_id, s.at desc, s.seq desc) e
					where c.id = e.contact_id
					  and e.at > greatest(coalesce(c.consent_at, '-infinity'), coalesce(c.opted_out_at, '-infinity'))"""),
			new MergeStatement(null, """
					create temp table run_conversation (channel text, conversation text, contact_id bigint, bot text,
					    started_at timestamptz, closed_at timestamptz) on commit drop"""),
			new MergeStatement(null, """
					insert into run_conversation
					select s.channel, s.conversation, min(v.contact_id) as contact_id, max(s.bot) as bot,
					       min(s.at) as started_at, max(s.at) filter (where s.type = 'conversation_closed') as closed_at
					from capture_staging s join run_visitor v on v.channel = s.channel and v.visitor = s.visitor
					where s.run_id = :run and s.conversation is not null
					group by s.channel, s.conversation"""),
			new MergeStatement("conversations created or changed", """
					insert into conversation (contact_id, channel, bot, external_id, started_at, closed_at)
					select contact_id, channel, bot, conversation, started_at, closed_at from run_conversation
					on conflict (channel, external_id) do update set
					    started_at = least(conversation.started_at, excluded.started_at),
					    bot = coalesce(conversation.bot, excluded.bot),
					    closed_at = greatest(conversation.closed_at, excluded.closed_at)
					where excluded.started_at < conversation.started_at
					   or (conversation.bot is null and excluded.bot is not null)
					   or excluded.closed_at > conversation.closed_at
					   or (conversation.closed_at is null and excluded.closed_at is not null)"""),
			new MergeStatement(null, """
					create temp table run_conversation_id (id bigint primary key) on commit drop"""),
			new MergeStatement(null, """
					insert into run_conversation_id
					select c.id from conversation c
					join run_conversation r on r.channel = c.channel and r.conversation = c.external_id"""),
			// A message without an id of its own is known by what it says, who said it and when.
			new MergeStatement("messages added", """
					insert into message (conversation_id, sender, kind, text, sent_at, external_id)
					select c.id, s.sender, coalesce(s.kind, 'text'), s.text, s.at,
					       coalesce(s.event_id, 'h:' || md5(concat_ws('|', s.sender, s.at, s.kind, s.text)))
					from capture_staging s join conversation c on c.channel = s.channel and c.external_id = s.conversation
					where s.run_id = :run and s.type = 'message'
					order by s.seq
					on conflict (conversation_id, external_id) do nothing"""),
			// Counts, times and status from the messages themselves, so arrival order does not matter.
			new MergeStatement(null, """
					update conversation c set
					    message_count = a.messages, visitor_message_count = a.visitor_messages,
					    last_message_at = a.last_at, first_response_seconds = a.first_response,
					    status = a.status
					from (select t.id, coalesce(m.messages, 0) as messages,
					             coalesce(m.visitor_messages, 0) as visitor_messages, m.last_at, m.first_response,
					             case when c.closed_at is not null and c.closed_at >= coalesce(m.last_at, c.started_at)
					                  then 'closed' else 'open' end as status
					      from run_conversation_id t
					      join conversation c on c.id = t.id
					      left join (select conversation_id, count(*) as messages,
					                        count(*) filter (where sender = 'visitor') as visitor_messages,
					                        max(sent_at) as last_at,
					                        extract(epoch from min(sent_at) filter (where sender <> 'visitor'
					                            and sent_at >= first_visitor) - min(first_visitor))::integer as first_response
					                 from (select conversation_id, sender, sent_at,
					                              min(sent_at) filter (where sender = 'visitor')
					                                  over (partition by conversation_id) as first_visitor
					                       from message where conversation_id in (select id from run_conversation_id)) w
					                 group by conversation_id) m on m.conversation_id = t.id) a
					where c.id = a.id
					  and (c.message_count, c.visitor_message_count, c.last_message_at, c.first_response_seconds, c.status)
					      is distinct from (a.messages, a.visitor_messages, a.last_at, a.first_response, a.status)"""));

	private static final Logger log = LoggerFactory.getLogger(CaptureMerge.class);

	private final JdbcClient jdbc;

	private final long runId;

	CaptureMerge(JdbcClient jdbc, long runId) {
		this.jdbc = jdbc;
		this.runId = runId;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		Map<String, Integer> figures = new LinkedHashMap<>();
		for (MergeStatement statement : STATEMENTS) {
			long start = System.nanoTime();
			int rows = jdbc.sql(statement.sql()).param("run", runId).update();
			log.debug("{} rows in {} ms: {}", rows, (System.nanoTime() - start) / 1_000_000,
					statement.sql().lines().findFirst().orElse(""));
			if (statement.figure() != null) {
				figures.put(statement.figure(), rows);
			}
		}
		contribution.incrementWriteCount(figures.get("messages added"));
		contribution.setExitStatus(ExitStatus.COMPLETED.addExitDescription(describe(figures)));
		return RepeatStatus.FINISHED;
	}

	private static String describe(Map<String, Integer> figures) {
		return String.join(", ", figures.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).toList());
	}
}
