package io.contactsync.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The WHERE clause and parameters of a {@link ContactSearch}, for a query of {@code live_contact}. The free-text
 * query becomes substring patterns on {@code contact.search_text}, which its trigram index serves: a phone-like
 * query is reduced to its digits (and to the digits of its E.164 form), anything else is lower-cased.
 */
final class ContactSearchSql {

	static final int EXACT_COUNT_LIMIT = 10_000;

	/** A planner estimate above this is trusted without counting: a search never lands so far off. */
	static final long SURELY_LARGE = 5L * EXACT_COUNT_LIMIT;

	private static final Pattern PHONE_LIKE = Pattern.compile("\\+?[\\d\\s\\-().]*\\d[\\d\\s\\-().]*");

	private final List<String> conditions = new ArrayList<>();

	private final Map<String, Object> parameters = new TreeMap<>();

	ContactSearchSql(ContactSearch search, PhoneNumbers phoneNumbers) {
		if (!search.channels().isEmpty()) {
			conditions.add("channel in (:channels)");
			parameters.put("channels", search.channels().stream().map(Channel::code).toList());
		}
		if (!search.statuses().isEmpty()) {
			conditions.add("lead_status in (:statuses)");
			parameters.put("statuses", search.statuses().stream().map(LeadStatus::code).toList());
		}
		if (!search.temperatures().isEmpty()) {
			conditions.add("lead_temperature in (:temperatures)");
			parameters.put("temperatures", search.temperatures().stream().map(LeadTemperature::code).toList());
		}
		if (!search.consents().isEmpty()) {
			conditions.add("(" + String.join(" or ", search.consents().stream().map(MarketingConsent::condition).toList())
					+ ")");
		}
		if (search.createdFrom() != null) {
			conditions.add("created_at >= :createdFrom");
			parameters.put("createdFrom", Jdbc.timestamp(search.createdFrom()));
		}
		if (search.createdBefore() != null) {
			conditions.add("created_at < :createdBefore");
			parameters.put("createdBefore", Jdbc.timestamp(search.createdBefore()));
		}
		if (search.query() != null && !search.query().isBlank()) {
			addQuery(search.query().strip(), phoneNumbers);
		}
	}

	String where() {
		return conditions.isEmpty() ? "true" : String.join(" and ", conditions);
	}

	Map<String, Object> parameters() {
		return parameters;
	}

	private void addQuery(String query, PhoneNumbers phoneNumbers) {
		if (!PHONE_LIKE.matcher(query).matches()) {
			conditions.add("search_text like :text escape '\\'");
			parameters.put("text", containing(query.toLowerCase(Locale.ROOT)));
			return;
		}
		String digits = query.replaceAll("\\D", "");
		String e164Digits = phoneNumbers.toE164(query).map(e164 -> e164.substring(1)).orElse(digits);
		conditions.add("(search_text like :digits or search_text like :e164Digits)");
		parameters.put("digits", containing(digits));
		parameters.put("e164Digits", containing(e164Digits));
	}

	private static String containing(String text) {
		return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
	}
}
