package io.contactsync.crm;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.contactsync.jobs.IdRangePartitioner;
import io.contactsync.jobs.StepProgress;
import io.contactsync.store.Channel;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The contacts of one id range (a partition of the push) in scope of each mapping of the run, in id order,
 * with their crm_link for that target; a page at a time by keyset (id after the last one read). Which
 * mapping and which id it reached are saved with each chunk, so a resumed push goes on where it stopped. It
 * counts what it has left to read when it opens, for the run page's and the command line's progress.
 */
class PushCandidateReader implements ItemStreamReader<PushCandidate> {

	private static final String MAPPING = "push.mapping";

	private static final String AFTER = "push.after";

	private static final int PAGE = 1_000;

	/** Every source field's column, so that a mapping can read any field the reader accepts. */
	private static final String COLUMNS = SourceFields.COLUMNS.stream().map(column -> "c." + column)
		.collect(Collectors.joining(", "));

	private final List<CrmMapping> mappings;

	private final JdbcClient jdbc;

	private final JsonMapper json;

	/** The partition's ids: after {@code firstAfter}, up to and including {@code last}. */
	private final long firstAfter;

	private final long last;

	/** Only the contacts whose last push to the mapping's target failed (failedOnly=true). */
	private final boolean failedOnly;

	private int mappingIndex;

	private long after;

	private final Deque<PushCandidate> page = new ArrayDeque<>();

	PushCandidateReader(List<CrmMapping> mappings, JdbcClient jdbc, JsonMapper json, IdRangePartitioner.Range ids,
			boolean failedOnly) {
		this.mappings = mappings;
		this.jdbc = jdbc;
		this.json = json;
		this.firstAfter = ids.first() - 1;
		this.last = ids.last();
		this.failedOnly = failedOnly;
	}

	@Override
	public void open(ExecutionContext context) {
		mappingIndex = context.containsKey(MAPPING) ? context.getInt(MAPPING) : 0;
		after = context.containsKey(AFTER) ? context.getLong(AFTER) : firstAfter;
		// From where it stands: a resumed range's execution counts its reads from nought again.
		long left = 0;
		for (int i = mappingIndex; i < mappings.size(); i++) {
			left += count(mappings.get(i), i == mappingIndex ? after : firstAfter);
		}
		StepProgress.expect(context, left, false);
	}

	/** The range's contacts in the mapping's scope after {@code from}: an index range, so no read of their rows. */
	private long count(CrmMapping mapping, long from) {
		return jdbc.sql(countInScope(mapping, failedOnly) + " and c.id > :after and c.id <= :last")
			.param("target", mapping.name())
			.param("after", from)
			.param("last", last)
			.param("channels", channels(mapping))
			.query(Long.class)
			.single();
	}

	@Override
	public void update(ExecutionContext context) {
		context.putInt(MAPPING, mappingIndex);
		context.putLong(AFTER, after);
	}

	@Override
	public PushCandidate read() {
		while (mappingIndex < mappings.size()) {
			if (page.isEmpty()) {
				fill(mappings.get(mappingIndex));
			}
			PushCandidate next = page.pollFirst();
			if (next != null) {
				after = next.contactId();
				return next;
			}
			mappingIndex++;
			after = firstAfter;
		}
		return null;
	}

	/**
	 * The page's contacts with their links. The links' id range is spelled out: crm_link's key leads with the contact
	 * id, and PostgreSQL does not carry {@code c.id > :after} over the join, so it read every link from the range's
	 * start on each page (69 ms a page at 100,000 links instead of 4).
	 */
	private void fill(CrmMapping mapping) {
		// Parsing every contact's attributes is wasted on a mapping that reads none of them.
		boolean readsAttributes = mapping.fields().stream()
			.anyMatch(field -> field.source() != null && field.source().startsWith(SourceFields.ATTRIBUTES_PREFIX));
		// A record removed when its contact left the scope (onLeaveScope: delete, or released) is created again
		// when the contact comes back, as is one merged into another's when a merge is undone: the old id names
		// nothing the push may write.
		page.addAll(jdbc.sql("""
				select %s, c.attributes::text as attributes, l.payload_hash, l.status as link_status,
				       case when l.status in (%s) then null else l.crm_id end as crm_id,
				       l.pushed_fields::text as pushed_fields
				from live_contact c
				left join crm_link l on l.contact_id = c.id and l.target = :target
				    and l.contact_id > :after and l.contact_id <= :last
				where c.id > :after and c.id <= :last and %s%s
				order by c.id limit :page""".formatted(COLUMNS, CrmLinkStatus.CLOSED, reads(mapping),
						failedOnly ? " and " + FAILED : ""))
			.param("target", mapping.name())
			.param("after", after)
			.param("last", last)
			.param("page", PAGE)
			.param("channels", channels(mapping))
			.query((rs, row) -> new PushCandidate(mapping, rs.getLong("id"), contact(rs, readsAttributes), rs.getString("payload_hash"),
					rs.getString("link_status"), rs.getString("crm_id"), rs.getString("pushed_fields")))
			.list());
	}

	/** The links a failedOnly push reads, as SQL on crm_link {@code l}. */
	static final String FAILED = "l.status = '" + CrmLinkStatus.FAILED + "'";

	/**
	 * A count of the mapping's contacts a push reads (with failedOnly, those whose last push to its target failed),
	 * binding {@code :target} and {@code :channels}; the caller may add conditions with {@code and}.
	 */
	static String countInScope(CrmMapping mapping, boolean failedOnly) {
		String links = failedOnly ? " join crm_link l on l.contact_id = c.id and l.target = :target and " + FAILED
				: " left join crm_link l on l.contact_id = c.id and l.target = :target";
		return "select count(*) from live_contact c" + links + " where " + reads(mapping);
	}

	/**
	 * The contacts a push reads, as SQL on live_contact {@code c} and its crm_link {@code l}: those in scope and,
	 * with {@code onLeaveScope: update}, those out of it whose record is still theirs in the CRM, so that an
	 * opt-out, an archiving or any later change still reaches it. Never a contact waiting for erasure.
	 */
	static String reads(CrmMapping mapping) {
		String scope = scope(mapping.scope());
		if (!CrmMapping.Options.UPDATE.equals(mapping.options().onLeaveScope())) {
			return scope;
		}
		return "(" + scope + " or c.erasure_requested_at is null and l.crm_id is not null"
				+ " and l.status not in (" + CrmLinkStatus.NOT_HELD + "))";
	}

	/** What {@link #scope} binds to {@code :channels}: an empty list is no SQL, and the scope names it only then. */
	static List<String> channels(CrmMapping mapping) {
		return mapping.scope().channels().isEmpty() ? List.of("") : List.copyOf(mapping.scope().channels());
	}

	/** The mapping's scope as SQL; contacts waiting for erasure are never pushed (merged-away ones are not live). */
	static String scope(CrmMapping.Scope scope) {
		StringBuilder where = new StringBuilder("c.erasure_requested_at is null");
		if (scope.requireEmail()) {
			where.append(" and c.email_normalized is not null");
		}
		if (scope.excludeArchived()) {
			where.append(" and c.archived_at is null and c.lead_status <> 'archived'");
		}
		if (scope.excludeOptedOut()) {
			where.append(" and c.opted_out_at is null");
		}
		if (!scope.channels().isEmpty()) {
			where.append(" and c.channel in (:channels)");
		}
		return where.toString();
	}

	private Map<String, Object> contact(ResultSet rs, boolean readsAttributes) throws SQLException {
		Map<String, Object> contact = new HashMap<>(64);
		// By position (the select starts with them): a lookup by name lower-cases and hashes each label again.
		for (int index = 0; index < SourceFields.COLUMNS.size(); index++) {
			contact.put(SourceFields.COLUMNS.get(index), value(rs, index + 1, SourceFields.COLUMNS.get(index)));
		}
		contact.put(SourceFields.CHANNEL_LABEL, Channel.fromCode(rs.getString("channel")).map(Channel::label)
			.orElse(null));
		contact.put("attributes", readsAttributes ? json.readValue(rs.getString("attributes"), Map.class) : Map.of());
		return contact;
	}

	/** As the mapper takes it: times as instants, tags as a list, the rest as the driver returns it. */
	private static Object value(ResultSet rs, int index, String column) throws SQLException {
		if (SourceFields.TIMES.contains(column)) {
			// Not getTimestamp: the driver builds a Calendar for each one, a tenth of the read's time.
			OffsetDateTime time = rs.getObject(index, OffsetDateTime.class);
			return time == null ? null : time.toInstant();
		}
		if (column.equals(SourceFields.TAGS)) {
			Array tags = rs.getArray(index);
			return tags == null ? List.of() : List.of((String[]) tags.getArray());
		}
		return rs.getObject(index);
	}
}
