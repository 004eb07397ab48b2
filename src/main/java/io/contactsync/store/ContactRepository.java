package io.contactsync.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Contacts and their identities in PostgreSQL. Merged-away contacts are invisible here except as a redirect. */
@Repository
@Transactional(readOnly = true)
public class ContactRepository {

	private static final String SUMMARY_COLUMNS = """
			id, name, email, phone, channel, created_at, last_activity_at, lead_status, lead_temperature""";

	private static final Pattern PLAN_ROWS = Pattern.compile("rows=(\\d+)");

	private final JdbcClient jdbc;

	private final PhoneNumbers phoneNumbers;

	public ContactRepository(JdbcClient jdbc, PhoneNumbers phoneNumbers) {
		this.jdbc = jdbc;
		this.phoneNumbers = phoneNumbers;
	}

	/**
	 * Outside a transaction: the page and its total need no common snapshot, and the COMMIT a read-only
	 * transaction ends with is one more round trip to PostgreSQL on every page of the list.
	 */
	@Transactional(propagation = Propagation.SUPPORTS)
	public ContactPage search(ContactSearch search) {
		ContactSearchSql sql = new ContactSearchSql(search, phoneNumbers);
		List<ContactSummary> contacts = jdbc
			.sql("select " + SUMMARY_COLUMNS + " from live_contact where " + sql.where() + " order by "
					+ search.sort().orderBy(search.ascending()) + " limit :limit offset :offset")
			.params(sql.parameters())
			.param("limit", search.size())
			.param("offset", search.offset())
			.query(ContactRepository::summary)
			.list();
		return new ContactPage(contacts, countOrEstimate(sql), search.page(), search.size());
	}

	/**
	 * Counts the matches exactly up to {@link ContactSearchSql#EXACT_COUNT_LIMIT}; past it, or when the
	 * planner is sure of far more, takes the planner's estimate. Planner estimates of a text search run
	 * low, never high, so a search that really matches few is always counted.
	 */
	private ContactPage.Total countOrEstimate(ContactSearchSql sql) {
		long estimate = estimateCount(sql);
		if (estimate > ContactSearchSql.SURELY_LARGE) {
			return ContactPage.Total.estimated(estimate);
		}
		long counted = jdbc
			.sql("select count(*) from (select 1 from live_contact where " + sql.where() + " limit :cap) matching")
			.params(sql.parameters())
			.param("cap", ContactSearchSql.EXACT_COUNT_LIMIT + 1)
			.query(Long.class)
			.single();
		return counted <= ContactSearchSql.EXACT_COUNT_LIMIT ? ContactPage.Total.exact(counted)
				: ContactPage.Total.estimated(Math.max(counted, estimate));
	}

	public ContactProfile getProfile(long id) {
		ContactProfile profile = jdbc.sql("""
				select id, name, email, phone, phone_e164, channel, created_at, last_activity_at, lead_status,
				       lead_temperature, lead_score, notes, tags, attributes::text as attributes, marketing_consent,
				       consent_at, consent_source, opted_out_at, opt_out_source, archived_at, erasure_due_at, updated_at,
				       version
				from live_contact where id = :id""")
			.param("id", id)
			.query(ContactRepository::profile)
			.optional()
			.orElseThrow(() -> notFound(id));
		return profile.withIdentities(identities(id));
	}

	/** Throws {@link ContactNotFoundException} unless the contact exists and was not merged away. */
	public void requireExists(long id) {
		boolean exists = jdbc.sql("select exists (select 1 from live_contact where id = :id)")
			.param("id", id)
			.query(Boolean.class)
			.single();
		if (!exists) {
			throw notFound(id);
		}
	}

	/** Writes the changes when the contact is still at {@code expectedVersion}; false when it was not. */
	@Transactional
	public boolean update(long id, int expectedVersion, ContactChanges changes) {
		ContactProfile current = getProfile(id);
		int updated = jdbc.sql("""
				update contact set name = :name, email = :email, phone = :phone, phone_e164 = :phoneE164,
				       notes = :notes, tags = :tags, version = version + 1, updated_at = now(),
				       attributes = (attributes || cast(:setAttributes as jsonb)) - cast(:removedAttributes as text[]),
				       edited_fields = array(select distinct unnest(edited_fields || :edited::text[]) order by 1)
				where id = :id and version = :version""")
			.param("name", changes.has(ContactChanges.Field.NAME) ? changes.name() : current.name())
			.param("email", changes.has(ContactChanges.Field.EMAIL) ? changes.email() : current.email())
			.param("phone", changes.has(ContactChanges.Field.PHONE) ? changes.phone() : current.phone())
			.param("phoneE164", changes.has(ContactChanges.Field.PHONE) ? changes.phoneE164() : current.phoneE164())
			.param("notes", changes.has(ContactChanges.Field.NOTES) ? changes.notes() : current.notes())
			.param("tags", (changes.has(ContactChanges.Field.TAGS) ? changes.tags() : current.tags())
				.toArray(String[]::new))
			.param("setAttributes", Jdbc.json(changes.setAttributes()))
			.param("removedAttributes", changes.removedAttributes().toArray(String[]::new))
			.param("edited", changes.editedFields().toArray(String[]::new))
			.param("id", id)
			.param("version", expectedVersion)
			.update();
		return updated == 1;
	}

	/**
	 * Records the person's answer on marketing: given (consent from {@code at}, any opt-out lifted) or not (opted
	 * out from {@code at}), with where it was said.
	 */
	@Transactional
	public void setConsent(long id, boolean given, String source, Instant at) {
		jdbc.sql("""
				update contact set marketing_consent = :given,
				       consent_at = case when :given then :at else consent_at end,
				       consent_source = case when :given then :source else consent_source end,
				       opted_out_at = case when :given then null else :at end,
				       opt_out_source = case when :given then null else :source end,
				       version = version + 1, updated_at = now()
				where id = :id""")
			.param("given", given)
			.param("at", Jdbc.timestamp(at))
			.param("source", source)
			.param("id", id)
			.update();
	}

	/** Deletes the contact; identities, conversations and messages go with it (foreign keys cascade). */
	@Transactional
	public void delete(long id) {
		jdbc.sql("delete from contact where id = :id").param("id", id).update();
	}

	/** Locks the contact's row until the transaction ends, so that nothing changes it meanwhile. */
	@Transactional
	public void lock(long id) {
		jdbc.sql("select id from live_contact where id = :id for update")
			.param("id", id)
			.query(Long.class)
			.optional()
			.orElseThrow(() -> notFound(id));
	}

	private List<Identity> identities(long contactId) {
		return jdbc.sql("""
				select channel, external_id, created_at from contact_identity
				where contact_id = :id order by channel, created_at""")
			.param("id", contactId)
			.query((rs, row) -> new Identity(rs.getString("channel"), label(rs.getString("channel")),
					rs.getString("external_id"), Jdbc.instant(rs, "created_at")))
			.list();
	}

	private ContactNotFoundException notFound(long id) {
		Long mergedInto = jdbc.sql("select merged_into from contact where id = :id")
			.param("id", id)
			.query(Long.class)
			.optional()
			.orElse(null);
		return new ContactNotFoundException(id, mergedInto);
	}

	/** The planner's row estimate for the search, from the first line of its plan. */
	private long estimateCount(ContactSearchSql sql) {
		String topLine = jdbc.sql("explain select 1 from live_contact where " + sql.where())
			.params(sql.parameters())
			.query(String.class)
			.list()
			.get(0);
		Matcher rows = PLAN_ROWS.matcher(topLine);
		return rows.find() ? Long.parseLong(rows.group(1)) : 0;
	}

	private static ContactSummary summary(ResultSet rs, int row) throws SQLException {
		return new ContactSummary(rs.getLong("id"), rs.getString("name"), rs.getString("email"),
				rs.getString("phone"), rs.getString("channel"), Jdbc.instant(rs, "created_at"),
				Jdbc.instant(rs, "last_activity_at"), rs.getString("lead_status"), rs.getString("lead_temperature"));
	}

	private static ContactProfile profile(ResultSet rs, int row) throws SQLException {
		return new ContactProfile(rs.getLong("id"), rs.getString("name"), rs.getString("email"), rs.getString("phone"),
				rs.getString("phone_e164"), rs.getString("channel"), label(rs.getString("channel")),
				Jdbc.instant(rs, "created_at"), Jdbc.instant(rs, "last_activity_at"), rs.getString("lead_status"),
				rs.getString("lead_temperature"), Jdbc.integer(rs, "lead_score"), rs.getString("notes"),
				Jdbc.strings(rs, "tags"), Jdbc.textMap(rs, "attributes"), (Boolean) rs.getObject("marketing_consent"), Jdbc.instant(rs, "consent_at"),
				rs.getString("consent_source"), Jdbc.instant(rs, "opted_out_at"), rs.getString("opt_out_source"),
				Jdbc.instant(rs, "archived_at"), Jdbc.instant(rs, "erasure_due_at"), List.of(),
				Jdbc.instant(rs, "updated_at"), rs.getInt("version"));
	}

	private static String label(String channelCode) {
		return Channel.fromCode(channelCode).map(Channel::label).orElse(channelCode);
	}
}
