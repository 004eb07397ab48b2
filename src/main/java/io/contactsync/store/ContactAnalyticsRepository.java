package io.contactsync.store;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Counts for {@link ContactAnalytics}, each one aggregate query over the contacts the search selects. One
 * read-only transaction at repeatable read, so that the numbers agree with each other while captures arrive.
 */
@Repository
public class ContactAnalyticsRepository {

	private static final String GOAL_EMAIL = "email";

	private static final String GOAL_PHONE = "phone";

	private final JdbcClient jdbc;

	private final PhoneNumbers phoneNumbers;

	public ContactAnalyticsRepository(JdbcClient jdbc, PhoneNumbers phoneNumbers) {
		this.jdbc = jdbc;
		this.phoneNumbers = phoneNumbers;
	}

	/**
	 * @param goals {@code email}, {@code phone} or intent names (lead-scoring's); a contact reaching any converts
	 * @param zone  the zone whose calendar days count new contacts
	 */
	@Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
	public ContactAnalytics analyse(ContactSearch search, List<String> goals, ZoneId zone) {
		ContactSearchSql sql = new ContactSearchSql(search, phoneNumbers);
		String scope = "with scope as (select id, channel, created_at, lead_status, lead_temperature, email, phone"
				+ " from live_contact where " + sql.where() + ") ";
		Map<String, Object> totals = jdbc.sql(scope + """
				, conversations as (
				    select contact_id, count(*) as conversations, sum(first_response_seconds) as response_sum,
				           count(first_response_seconds) as responses
				    from conversation where contact_id in (select id from scope) group by contact_id)
				select count(*) as contacts,
				       coalesce(sum(cv.conversations), 0) as conversations,
				       count(*) filter (where cv.conversations > 1) as repeat_visitors,
				       round(sum(cv.response_sum)::numeric / nullif(sum(cv.responses), 0), 2) as average_response,
				       count(*) filter (where %s) as converted
				from scope s
				left join conversations cv on cv.contact_id = s.id
				left join lead_score l on l.contact_id = s.id""".formatted(converted(goals)))
			.params(sql.parameters())
			.param("intentGoals", goals.stream().filter(goal -> !isContactGoal(goal)).toArray(String[]::new))
			.query()
			.singleRow();
		long contacts = ((Number) totals.get("contacts")).longValue();
		long conversations = ((Number) totals.get("conversations")).longValue();
		return new ContactAnalytics(contacts, channels(scope, sql, contacts),
				contacts == 0 ? null : BigDecimal.valueOf(conversations).divide(BigDecimal.valueOf(contacts), 2,
						RoundingMode.HALF_UP),
				(BigDecimal) totals.get("average_response"), share(totals.get("converted"), contacts), List.copyOf(goals),
				share(totals.get("repeat_visitors"), contacts),
				counts(scope, sql, "coalesce(lead_temperature, 'unscored')", List.of("hot", "warm", "cold", "unscored")),
				counts(scope, sql, "lead_status", List.of("new", "active", "follow_up", "archived")),
				perDay(scope, sql, zone));
	}

	private List<ContactAnalytics.ChannelShare> channels(String scope, ContactSearchSql sql, long contacts) {
		return jdbc.sql(scope + "select channel, count(*) as contacts from scope group by channel order by 2 desc, 1")
			.params(sql.parameters())
			.query((rs, row) -> {
				String code = rs.getString("channel");
				return new ContactAnalytics.ChannelShare(code, Channel.fromCode(code).map(Channel::label).orElse(code),
						rs.getLong("contacts"), percent(rs.getLong("contacts"), contacts));
			})
			.list();
	}

	/** Counts by a column's value, every known value present (0 when none). */
	private Map<String, Long> counts(String scope, ContactSearchSql sql, String column, List<String> values) {
		Map<String, Long> counts = new LinkedHashMap<>();
		values.forEach(value -> counts.put(value, 0L));
		jdbc.sql(scope + "select " + column + " as value, count(*) as contacts from scope group by 1")
			.params(sql.parameters())
			.query((rs, row) -> counts.put(rs.getString("value"), rs.getLong("contacts")))
			.list();
		return counts;
	}

	private List<ContactAnalytics.DayCount> perDay(String scope, ContactSearchSql sql, ZoneId zone) {
		return jdbc.sql(scope + """
				, days as (select (created_at at time zone :zone)::date as day, count(*) as contacts from scope group by 1)
				select d.day, coalesce(days.contacts, 0) as contacts
				from generate_series((select min(day) from days), (select max(day) from days), interval '1 day') g(at)
				cross join lateral (select g.at::date as day) d
				left join days on days.day = d.day
				order by d.day""")
			.params(sql.parameters())
			.param("zone", zone.getId())
			.query((rs, row) -> new ContactAnalytics.DayCount(rs.getObject("day", LocalDate.class),
					rs.getLong("contacts")))
			.list();
	}

	/** The SQL condition of "reached a goal": any of them, contact details on the contact, intents on its score. */
	private static String converted(List<String> goals) {
		List<String> any = new ArrayList<>();
		if (goals.contains(GOAL_EMAIL)) {
			any.add("coalesce(btrim(s.email), '') <> ''");
		}
		if (goals.contains(GOAL_PHONE)) {
			any.add("coalesce(btrim(s.phone), '') <> ''");
		}
		if (goals.stream().anyMatch(goal -> !isContactGoal(goal))) {
			any.add("coalesce(l.intents && cast(:intentGoals as text[]), false)");
		}
		return any.isEmpty() ? "false" : String.join(" or ", any);
	}

	private static boolean isContactGoal(String goal) {
		return goal.equals(GOAL_EMAIL) || goal.equals(GOAL_PHONE);
	}

	private static ContactAnalytics.Share share(Object count, long total) {
		long contacts = ((Number) count).longValue();
		return new ContactAnalytics.Share(contacts, percent(contacts, total));
	}

	private static BigDecimal percent(long part, long total) {
		return total == 0 ? BigDecimal.ZERO.setScale(1)
				: BigDecimal.valueOf(part * 100L).divide(BigDecimal.valueOf(total), 1, RoundingMode.HALF_UP);
	}
}
