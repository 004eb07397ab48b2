package io.contactsync.retention;

import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.contactsync.config.FileProblem;
import io.contactsync.config.YamlNodes;
import io.contactsync.jobs.JobFileException;
import io.contactsync.store.LeadStatus;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads {@code jobs/retention.yml} into a {@link RetentionPolicy}. Every number is required, so that the file
 * shows the whole policy in force; each mistake is reported with its line and the fix, all of them at once.
 * {@code schedule:} belongs to {@code jobs/JobFiles} and is passed over here.
 */
final class RetentionFileReader {

	private static final String README = "jobs/README.md";

	private static final List<String> TOP = List.of("schedule", "inactive", "erasure", "capture-inbox");

	private static final List<String> INACTIVE = List.of("archive-after-months", "delete-after-months",
			"keep-statuses", "keep-tags");

	/** Past this, a number is surely a typo (days written as months, an extra zero). */
	private static final int MAX_MONTHS = 1200;

	private static final int MAX_DAYS = 3650;

	private final String file;

	private final List<FileProblem> problems = new ArrayList<>();

	private final YamlNodes nodes;

	RetentionFileReader(String file) {
		this.file = file;
		this.nodes = new YamlNodes((line, message) -> problems.add(new FileProblem(file, line, message)), README);
	}

	/** The policy, or a {@link JobFileException} listing everything wrong with the file. */
	RetentionPolicy read(Reader yaml) {
		Node root = nodes.compose(yaml);
		if (!(root instanceof MappingNode map)) {
			if (problems.isEmpty()) {
				problems.add(new FileProblem(file, root == null ? 1 : YamlNodes.line(root),
						"retention.yml needs the sections inactive, erasure and capture-inbox; start from the shipped"
								+ " file (see " + README + ")"));
			}
			throw new JobFileException(problems);
		}
		RetentionPolicy policy = policy(root, nodes.keys(map, TOP, ""));
		if (!problems.isEmpty()) {
			throw new JobFileException(problems);
		}
		return policy;
	}

	private RetentionPolicy policy(Node root, Map<String, Node> top) {
		Node inactiveNode = required(top, "inactive", root);
		Map<String, Node> inactive = section(inactiveNode, INACTIVE, "inactive");
		Integer archive = number(required(inactive, "archive-after-months", inactiveNode), "inactive.archive-after-months",
				1, MAX_MONTHS);
		Node deleteNode = inactive.get("delete-after-months");
		Integer delete = deleteNode == null ? null
				: number(deleteNode, "inactive.delete-after-months", 1, MAX_MONTHS);
		if (archive != null && delete != null && delete <= archive) {
			nodes.add(deleteNode, "inactive.delete-after-months (" + delete + ") must be more than"
					+ " archive-after-months (" + archive + "): a contact is archived before it is deleted");
		}
		List<String> statuses = names(inactive.get("keep-statuses"), "inactive.keep-statuses");
		for (String status : statuses) {
			if (LeadStatus.fromCode(status).isEmpty() || status.equals("archived")) {
				nodes.add(inactive.get("keep-statuses"), "unknown lead status '" + status + "' in inactive.keep-statuses;"
						+ " use any of new, active, follow_up");
			}
		}
		Node erasureNode = required(top, "erasure", root);
		Integer grace = number(required(section(erasureNode, List.of("grace-days"), "erasure"), "grace-days",
				erasureNode), "erasure.grace-days", 0, MAX_DAYS);
		Node inboxNode = required(top, "capture-inbox", root);
		Integer keepInbox = number(required(section(inboxNode, List.of("keep-processed-days"), "capture-inbox"),
				"keep-processed-days", inboxNode), "capture-inbox.keep-processed-days", 0, MAX_DAYS);
		return new RetentionPolicy(archive == null ? 1 : archive, delete, statuses,
				names(inactive.get("keep-tags"), "inactive.keep-tags"), grace == null ? 0 : grace,
				keepInbox == null ? 0 : keepInbox);
	}

	private Map<String, Node> section(Node node, List<String> keys, String name) {
		if (node == null) {
			return Map.of();
		}
		if (!(node instanceof MappingNode map)) {
			nodes.add(node, name + " is a section with " + String.join(", ", keys));
			return Map.of();
		}
		return nodes.keys(map, keys, name + ".");
	}

	private Node required(Map<String, Node> keys, String key, Node parent) {
		Node node = keys.get(key);
		if (node == null && parent != null) {
			nodes.add(parent, key + " is missing here; the shipped jobs/retention.yml shows it with its default");
		}
		return node;
	}

	private Integer number(Node node, String what, int min, int max) {
		if (node == null) {
			return null;
		}
		Integer value = nodes.integer(node, what);
		if (value != null && (value < min || value > max)) {
			nodes.add(node, what + " must be from " + min + " to " + max + ", not " + value);
			return null;
		}
		return value;
	}

	/** A list of plain names, e.g. [active] or [vip, partner]; absent, it is empty. */
	private List<String> names(Node node, String what) {
		List<String> names = new ArrayList<>();
		if (node == null) {
			return names;
		}
		if (!(node instanceof SequenceNode list)) {
			nodes.add(node, what + " is a list, e.g. [" + (what.endsWith("tags") ? "vip" : "active") + "]");
			return names;
		}
		for (Node item : list.getValue()) {
			String name = nodes.text(item, "an entry of " + what);
			if (name != null) {
				names.add(name);
			}
		}
		return names;
	}
}
