package io.contactsync.crm;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.contactsync.store.Channel;
import io.contactsync.store.LeadStatus;

/** The contact fields a mapping can read, by the names of the contact table's columns. */
final class SourceFields {

	static final String ATTRIBUTES_PREFIX = "attributes.";

	static final List<String> NAMES = List.of("id", "name", "email", "phone", "phone_e164", "channel", "channel_label",
			"created_at", "last_activity_at", "lead_status", "lead_temperature", "lead_score", "notes", "tags",
			"marketing_consent", "opted_out_at");

	/** Fields that hold a time: the ones date_time formats. */
	static final Set<String> TIMES = Set.of("created_at", "last_activity_at", "opted_out_at");

	/**
	 * The values of the fields the store keeps to a fixed set (check constraints of the contact table), which
	 * are all a {@code values} map can be keyed by.
	 */
	static final Map<String, List<String>> CODES = Map.of(
			"lead_status", Arrays.stream(LeadStatus.values()).map(LeadStatus::code).toList(),
			"lead_temperature", List.of("hot", "warm", "cold"),
			"channel", Arrays.stream(Channel.values()).map(Channel::code).toList());

	private SourceFields() {
	}

	static boolean isKnown(String source) {
		return NAMES.contains(source)
				|| (source.startsWith(ATTRIBUTES_PREFIX) && source.length() > ATTRIBUTES_PREFIX.length());
	}
}
