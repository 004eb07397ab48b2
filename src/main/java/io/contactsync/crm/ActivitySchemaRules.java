package io.contactsync.crm;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.contactsync.crm.CrmMapping.Activities;
import io.contactsync.policy.FileProblem;

/**
 * A mapping's {@code activities} against the CRM's live schema of the objects conversations become: every field the
 * connector writes exists for these credentials, can be set on create, and takes the value the connector always
 * sends (Salesforce's Task {@code Status} Completed, HubSpot's channel type WHATS_APP). Each problem is put on the
 * section's line.
 */
final class ActivitySchemaRules {

	private ActivitySchemaRules() {
	}

	/** The kinds a mapping's activities create: with {@code as: communication}, HubSpot's notes for the other chats too. */
	static Set<String> kinds(Activities activities) {
		Set<String> kinds = new LinkedHashSet<>();
		kinds.add(activities.as());
		if (Activities.COMMUNICATION.equals(activities.as())) {
			kinds.add(Activities.NOTE);
		}
		return kinds;
	}

	static List<FileProblem> check(CrmMapping mapping, String kind, Map<String, String> written, List<CrmField> described) {
		List<FileProblem> problems = new ArrayList<>();
		String vendor = mapping.target().label();
		written.forEach((name, value) -> {
			CrmField field = described.stream().filter(f -> f.name().equalsIgnoreCase(name)).findFirst().orElse(null);
			String message = null;
			if (field == null) {
				message = vendor + " has no field " + name + " on its " + kind + "s for these credentials; give them"
						+ " access to " + kind + "s, or remove activities";
			}
			else if (!field.createable()) {
				message = vendor + " will not let these credentials set " + name + " on a " + kind + "; give them"
						+ " write access to it, or remove activities";
			}
			else if (value != null && field.restricted() && !field.options().contains(value)) {
				message = "'" + value + "' is not an option of the " + kind + "'s " + name + "; its options are "
						+ String.join(", ", field.options()) + " (add it in " + vendor + ", or remove activities)";
			}
			if (message != null) {
				problems.add(new FileProblem(mapping.file(), mapping.activities().line(), "activities: " + message));
			}
		});
		return problems;
	}
}
