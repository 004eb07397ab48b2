package io.contactsync.crm;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.contactsync.dedup.ReviewRequests;
import io.contactsync.jobs.TableUpkeep;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Keeps a contact off a CRM record another contact holds. HubSpot and Zoho match a create by its key (the email):
 * a second store contact with that email (one the dedup review called a different person, or not merged yet) would
 * land on the first one's record, overwrite it, and share its fate when either is deleted. Such a contact is not
 * sent; it is reported as sharing the record of the contact that holds it, and the pair goes to the duplicates review
 * to settle (not in a dry run, which changes nothing).
 */
final class SharedRecords {

	static final String SHARED = "SHARED_CRM_RECORD";

	private final JdbcClient jdbc;

	private final ReviewRequests review;

	private final TableUpkeep upkeep;

	/** @param review where a shared record is put before people; null in a dry run */
	SharedRecords(JdbcClient jdbc, ReviewRequests review, TableUpkeep upkeep) {
		this.jdbc = jdbc;
		this.review = review;
		this.upkeep = upkeep;
	}

	/**
	 * The creates whose key no other contact holds in this target (in crm_link, or earlier in the list); for the
	 * others a failed result goes to {@code refused}.
	 */
	List<PushItem> claim(CrmMapping mapping, List<PushItem> creates, List<LinkAnswers.Answer> refused) {
		Map<String, Long> holders = holders(mapping, creates);
		Map<Long, Long> shared = new java.util.LinkedHashMap<>();
		List<PushItem> free = new ArrayList<>(creates.size());
		for (PushItem item : creates) {
			String key = normalised(item.record().key());
			Long holder = key == null ? null : holders.get(key);
			if (holder != null && holder != item.record().contactId()) {
				refused.add(new LinkAnswers.Answer(item, PushResult.failed(item.record().contactId(), SHARED,
						"shares the CRM record of contact " + holder + " (same " + mapping.matchKey()
								+ "); merge the two or give one another " + mapping.matchKey()),
						CrmLinkStatus.SHARED));
				shared.put(item.record().contactId(), holder);
				continue;
			}
			if (key != null) {
				holders.put(key, item.record().contactId());
			}
			free.add(item);
		}
		if (review != null) {
			review.sharesCrmRecords(mapping.name(), shared);
		}
		return free;
	}

	/** Who holds each of these keys in the target already, by key. */
	private Map<String, Long> holders(CrmMapping mapping, List<PushItem> creates) {
		List<String> keys = creates.stream().map(item -> normalised(item.record().key()))
			.filter(key -> key != null).distinct().toList();
		Map<String, Long> holders = new HashMap<>();
		if (keys.isEmpty()) {
			return holders;
		}
		// A first push fills crm_link as it goes: without fresh statistics each chunk's lookup read all of it.
		upkeep.analyseIfOutgrown("crm_link");
		jdbc.sql("""
				select lower(match_key) as key, min(contact_id) as holder from crm_link
				where target = :target and lower(match_key) = any(:keys) and crm_id is not null
				  and status not in (%s)
				group by lower(match_key)""".formatted(CrmLinkStatus.NOT_HELD))
			.param("target", mapping.name())
			// One array, not a placeholder per key: a chunk has up to 2,000 keys to parse and plan.
			.param("keys", keys.toArray(String[]::new))
			.query((rs, row) -> holders.put(rs.getString("key"), rs.getLong("holder")))
			.list();
		return holders;
	}

	private static String normalised(String key) {
		return key == null || key.isBlank() ? null : key.toLowerCase(Locale.ROOT);
	}
}
