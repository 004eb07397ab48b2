package io.contactsync.crm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a dry run would do to each contact, one JSON line each in the run's plan report: {@code create} (with the
 * fields it would send), {@code update} (with each field's change, from what the last push left in the CRM to what
 * this one would write; {@code to: null} clears it), {@code refuse} (with the reason), {@code delete},
 * {@code leave-scope} (a contact in the CRM the mapping's scope no longer takes, which the push leaves there as it
 * is) and {@code merge} (a merged-away contact whose record goes into the survivor's, by its CRM id). The file holds personal data, as the dry-run report does: it is written owner-only beside it.
 */
final class PushPlan {

	static final String CREATE = "create";

	static final String UPDATE = "update";

	static final String REFUSE = "refuse";

	static final String DELETE = "delete";

	static final String LEAVE_SCOPE = "leave-scope";

	static final String MERGE = "merge";

	private final Path file;

	private final JsonMapper json;

	private final CrmSenders senders;

	PushPlan(Path file, JsonMapper json, CrmSenders senders) {
		this.file = file;
		this.json = json;
		this.senders = senders;
	}

	Path file() {
		return file;
	}

	void planned(PushItem item) {
		Map<String, Object> line = line(item.mapping(), item.record().contactId(), item.record().crmId(),
				item.record().isUpdate() ? UPDATE : CREATE);
		if (item.record().isUpdate()) {
			line.put("changes", changes(item.before(), item.pushed()));
		}
		else {
			line.put("fields", item.record().fields());
		}
		write(line);
	}

	void refused(PushItem item, PushResult result) {
		Map<String, Object> line = line(item.mapping(), item.record().contactId(), item.record().crmId(), REFUSE);
		line.put("code", result.errorCode());
		line.put("reason", result.message());
		write(line);
	}

	void other(CrmMapping mapping, long contactId, String crmId, String action) {
		write(line(mapping, contactId, crmId, action));
	}

	/** Each field whose value differs between the two, as {@code {from, to}}; null where there is none. */
	static Map<String, Map<String, String>> changes(Map<String, String> before, Map<String, String> after) {
		Map<String, Map<String, String>> changes = new LinkedHashMap<>();
		TreeSet<String> fields = new TreeSet<>(before.keySet());
		fields.addAll(after.keySet());
		for (String field : fields) {
			if (!Objects.equals(before.get(field), after.get(field))) {
				Map<String, String> change = new LinkedHashMap<>();
				change.put("from", before.get(field));
				change.put("to", after.get(field));
				changes.put(field, change);
			}
		}
		return changes;
	}

	/** How many contacts each action takes, by target; empty when the run planned nothing. */
	Map<String, Map<String, Long>> counts() {
		Map<String, Map<String, Long>> counts = new HashMap<>();
		if (!Files.exists(file)) {
			return counts;
		}
		try (var lines = Files.lines(file)) {
			lines.forEach(text -> {
				JsonNode line = json.readTree(text);
				counts.computeIfAbsent(line.path("target").asString(), target -> new HashMap<>())
					.merge(line.path("action").asString(), 1L, Long::sum);
			});
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read the plan " + file, ex);
		}
		return counts;
	}

	private static Map<String, Object> line(CrmMapping mapping, long contactId, String crmId, String action) {
		Map<String, Object> line = new LinkedHashMap<>();
		line.put("target", mapping.name());
		line.put("contact_id", contactId);
		if (crmId != null) {
			line.put("crm_id", crmId);
		}
		line.put("action", action);
		return line;
	}

	private void write(Map<String, Object> line) {
		senders.appendLine(file, json.writeValueAsString(line));
	}
}
