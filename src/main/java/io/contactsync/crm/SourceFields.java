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

	/** The one field the table does not hold: the push reader derives it from the channel. */
	static final String CHANNEL_LABEL = "channel_label";

	/** The multi-valued field, read as a list. */
	static final String TAGS = "tags";

	static final List<String> NAMES = List.of("id", "name", "email", "phone", "phone_e164", "channel", CHANNEL_LABEL,
			"created_at", "last_activity_at", "lead_status", "lead_temperature", "lead_score", "notes", TAGS,
			"marketing_consent", "opted_out_at");

	/** The contact table's columns among the names: what the push reader selects, so every name has a value. */
	static final List<String> COLUMNS = NAMES.stream().filter(name -> !name.equals(CHANNEL_LABEL)).toList();

	/** Fields that hold true or false. */
	static final Set<String> FLAGS = Set.of("marketing_consent");

	/** Fields that hold a time: the ones date_time formats. */
	static final Set<String> TIMES = Set.of("created_at", "last_activity_at", "opted_out_at");

	/**
	 * The values of the fields the store keeps to a fixed set (check constraints of the contact table), which
	 * are all a {@code values} map can be keyed by.
	 */
	static final Map<String, List<String>> CODES = Map.of(
			"lead_status", Arrays.stream(LeadStatus.values()).map(LeadStatus::code).toList(),
			"lead_temperature", List.of("hot", "warm", "cold"),
			"marketing_consent", List.of("true", "false"),
			"channel", Arrays.stream(Channel.values()).map(Channel::code).toList());

	private SourceFields() {
	}

	static boolean isKnown(String source) {
		return NAMES.contains(source)
				|| (source.startsWith(ATTRIBUTES_PREFIX) && source.length() > ATTRIBUTES_PREFIX.length());
	}
}
