package io.contactsync.retention;

import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.contactsync.policy.YamlNodes;
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

	private final YamlNodes nodes;

	RetentionFileReader(String file) {
		this.nodes = new YamlNodes(file, README);
	}

	/** The policy, or a {@link JobFileException} listing everything wrong with the file. */
	RetentionPolicy read(Reader yaml) {
		Node root = nodes.compose(yaml);
		if (!(root instanceof MappingNode map)) {
			if (nodes.problems().isEmpty()) {
				nodes.add(root == null ? 1 : YamlNodes.line(root),
						"retention.yml needs the sections inactive, erasure and capture-inbox; start from the shipped"
								+ " file (see " + README + ")");
			}
			throw new JobFileException(nodes.problems());
		}
		RetentionPolicy policy = policy(root, nodes.keys(map, TOP, ""));
		if (!nodes.problems().isEmpty()) {
			throw new JobFileException(nodes.problems());
		}
		return policy;
	}

	private RetentionPolicy policy(Node root, Map<String, Node> top) {
		Node inactiveNode = required(top, "inactive", root);
		Map<String, Node> inactive = nodes.section(inactiveNode, INACTIVE, "inactive");
		Integer archive = months(required(inactive, "archive-after-months", inactiveNode), "archive-after-months");
		Node deleteNode = inactive.get("delete-after-months");
		Integer delete = months(deleteNode, "delete-after-months");
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
		Integer grace = days(top, root, "erasure", "grace-days");
		Integer keepInbox = days(top, root, "capture-inbox", "keep-processed-days");
		return new RetentionPolicy(archive == null ? 1 : archive, delete, statuses,
				names(inactive.get("keep-tags"), "inactive.keep-tags"), grace == null ? 0 : grace,
				keepInbox == null ? 0 : keepInbox);
	}

	private Integer months(Node node, String key) {
		return nodes.integer(node, "inactive." + key, 1, MAX_MONTHS);
	}

	/** The number of days a one-key section holds, e.g. erasure: {grace-days: 30}. */
	private Integer days(Map<String, Node> top, Node root, String section, String key) {
		Node sectionNode = required(top, section, root);
		Node value = required(nodes.section(sectionNode, List.of(key), section), key, sectionNode);
		return nodes.integer(value, section + "." + key, 0, MAX_DAYS);
	}

	private Node required(Map<String, Node> keys, String key, Node parent) {
		return nodes.required(keys, key, parent, "jobs/retention.yml");
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
