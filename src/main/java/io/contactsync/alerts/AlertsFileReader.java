package io.contactsync.alerts;

import java.io.Reader;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.contactsync.alerts.AlertRules.Destination;
import io.contactsync.alerts.AlertRules.Kind;
import io.contactsync.jobs.JobFileException;
import io.contactsync.policy.YamlNodes;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads {@code jobs/alerts.yml} into {@link AlertRules}, reporting every mistake with its line and the fix, all at
 * once, through the same {@link JobFileException} as the other files under jobs/. Each rule's numbers are
 * required, so that the file shows every threshold in force.
 */
final class AlertsFileReader {

	private static final String README = "jobs/README.md";

	private static final String SHIPPED = "jobs/alerts.yml";

	private static final List<String> TOP = List.of("destinations", "rules");

	private static final List<String> DESTINATION = List.of("name", "type", "url-env", "secret-env");

	private static final List<String> RULES = List.of("run-failed", "failed-share", "missed-run", "slow-run");

	private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");

	private static final Pattern VARIABLE = Pattern.compile("[A-Z_][A-Z0-9_]*");

	private final YamlNodes nodes;

	AlertsFileReader(String file) {
		this.nodes = new YamlNodes(file, README);
	}

	/** The rules, or a {@link JobFileException} listing everything wrong with the file. */
	AlertRules read(Reader yaml) {
		Node root = nodes.compose(yaml);
		if (!(root instanceof MappingNode map)) {
			if (nodes.problems().isEmpty()) {
				nodes.add(root == null ? 1 : YamlNodes.line(root), "alerts.yml needs the sections destinations and"
						+ " rules; start from the shipped " + SHIPPED + " (see " + README + ")");
			}
			throw new JobFileException(nodes.problems());
		}
		Map<String, Node> top = nodes.keys(map, TOP, "");
		List<Destination> destinations = destinations(required(top, "destinations", root));
		Node rulesNode = required(top, "rules", root);
		Map<String, Node> rules = nodes.section(rulesNode, RULES, "rules");
		AlertRules read = new AlertRules(destinations, runFailed(rule(rules, "run-failed", rulesNode)),
				failedShare(rule(rules, "failed-share", rulesNode)), missedRun(rule(rules, "missed-run", rulesNode)),
				slowRun(rule(rules, "slow-run", rulesNode)));
		if (!nodes.problems().isEmpty()) {
			throw new JobFileException(nodes.problems());
		}
		return read;
	}

	private List<Destination> destinations(Node node) {
		List<Destination> destinations = new ArrayList<>();
		if (node == null) {
			return destinations;
		}
		if (!(node instanceof SequenceNode list)) {
			nodes.add(node, "destinations is a list, each entry with name, type and url-env, e.g. - {name: ops,"
					+ " type: slack, url-env: CONTACTSYNC_SLACK_WEBHOOK_URL}; [] sends no alerts");
			return destinations;
		}
		Set<String> names = new HashSet<>();
		for (Node item : list.getValue()) {
			Destination destination = destination(item);
			if (destination != null && !names.add(destination.name())) {
				nodes.add(item, "destination name '" + destination.name() + "' is used twice; give each its own");
			}
			else if (destination != null) {
				destinations.add(destination);
			}
		}
		return destinations;
	}

	private Destination destination(Node item) {
		Map<String, Node> keys = nodes.section(item, DESTINATION, "destinations");
		if (!(item instanceof MappingNode)) {
			return null;
		}
		String name = nodes.text(required(keys, "name", item), "destinations.name");
		if (name != null && !NAME.matcher(name).matches()) {
			nodes.add(keys.get("name"), "destination name '" + name + "' must be lower-case letters, digits and"
					+ " dashes, e.g. ops-slack: it is what the log names");
			name = null;
		}
		Kind kind = kind(required(keys, "type", item));
		String url = variable(required(keys, "url-env", item), "url-env", "CONTACTSYNC_SLACK_WEBHOOK_URL");
		Node secretNode = keys.get("secret-env");
		String secret = null;
		if (kind == Kind.SLACK && secretNode != null) {
			nodes.add(secretNode, "a slack destination takes no secret-env (Slack's webhook URL is its secret);"
					+ " remove the line, or use type: webhook for a signed webhook");
		}
		else if (kind == Kind.WEBHOOK) {
			secret = variable(secretNode, "secret-env", "CONTACTSYNC_ALERT_WEBHOOK_SECRET");
			if (secretNode == null) {
				nodes.add(item, "a webhook destination needs secret-env: the environment variable with the secret"
						+ " its requests are signed with, e.g. secret-env: CONTACTSYNC_ALERT_WEBHOOK_SECRET");
			}
			else if (secret != null && secret.equals(url)) {
				nodes.add(secretNode, "secret-env must name another variable than url-env");
			}
		}
		if (name == null || kind == null || url == null || kind == Kind.WEBHOOK && secret == null) {
			return null;
		}
		return new Destination(name, kind, url, secret);
	}

	private Kind kind(Node node) {
		String type = node == null ? null : nodes.text(node, "destinations.type");
		if (type == null) {
			return null;
		}
		if (type.equals("slack") || type.equals("webhook")) {
			return Kind.valueOf(type.toUpperCase());
		}
		nodes.add(node, "type '" + type + "' is not a destination type; use slack (an incoming webhook) or webhook"
				+ " (a signed JSON POST)");
		return null;
	}

	/** The name of an environment variable; a URL or a secret written in its place is refused, never echoed. */
	private String variable(Node node, String key, String example) {
		String name = node == null ? null : nodes.text(node, "destinations." + key);
		if (name == null) {
			return null;
		}
		if (!VARIABLE.matcher(name).matches()) {
			nodes.add(node, key + " names an environment variable (upper-case letters, digits and _), e.g. " + key
					+ ": " + example + "; put the " + (key.equals("url-env") ? "URL" : "secret")
					+ " itself in that variable, never in this file");
			return null;
		}
		return name;
	}

	private Node rule(Map<String, Node> rules, String rule, Node rulesNode) {
		return required(rules, rule, rulesNode);
	}

	private AlertRules.RunFailed runFailed(Node node) {
		Map<String, Node> keys = nodes.section(node, List.of("enabled"), "rules.run-failed");
		return new AlertRules.RunFailed(enabled(keys, node, "run-failed"));
	}

	private AlertRules.FailedShare failedShare(Node node) {
		Map<String, Node> keys = nodes.section(node, List.of("enabled", "threshold", "min-records"),
				"rules.failed-share");
		Double threshold = decimal(required(keys, "threshold", node), "rules.failed-share.threshold", 0, 1);
		Integer min = nodes.integer(required(keys, "min-records", node), "rules.failed-share.min-records", 1,
				1_000_000);
		return new AlertRules.FailedShare(enabled(keys, node, "failed-share"), threshold == null ? 1 : threshold,
				min == null ? 1 : min);
	}

	private AlertRules.MissedRun missedRun(Node node) {
		Map<String, Node> keys = nodes.section(node, List.of("enabled", "grace-minutes"), "rules.missed-run");
		Integer grace = nodes.integer(required(keys, "grace-minutes", node), "rules.missed-run.grace-minutes", 1,
				1440);
		return new AlertRules.MissedRun(enabled(keys, node, "missed-run"), Duration.ofMinutes(grace == null ? 1 : grace));
	}

	private AlertRules.SlowRun slowRun(Node node) {
		Map<String, Node> keys = nodes.section(node, List.of("enabled", "factor", "history", "min-history",
				"min-minutes"), "rules.slow-run");
		Double factor = decimal(required(keys, "factor", node), "rules.slow-run.factor", 1, 100);
		Integer history = nodes.integer(required(keys, "history", node), "rules.slow-run.history", 1, 100);
		Node minNode = required(keys, "min-history", node);
		Integer minHistory = nodes.integer(minNode, "rules.slow-run.min-history", 1, 100);
		if (history != null && minHistory != null && minHistory > history) {
			nodes.add(minNode, "rules.slow-run.min-history (" + minHistory + ") cannot be more than history ("
					+ history + "), the runs it looks at");
		}
		Integer minutes = nodes.integer(required(keys, "min-minutes", node), "rules.slow-run.min-minutes", 0, 1440);
		return new AlertRules.SlowRun(enabled(keys, node, "slow-run"), factor == null ? 2 : factor,
				history == null ? 1 : history, minHistory == null ? 1 : minHistory,
				Duration.ofMinutes(minutes == null ? 0 : minutes));
	}

	private boolean enabled(Map<String, Node> keys, Node rule, String name) {
		return nodes.flag(required(keys, "enabled", rule), "rules." + name + ".enabled", false);
	}

	/** A number above {@code above} and below {@code below}, e.g. 0.2, or null with a problem. */
	private Double decimal(Node node, String what, double above, double below) {
		String text = node == null ? null : nodes.text(node, what);
		if (text == null) {
			return null;
		}
		try {
			double value = new BigDecimal(text.strip()).doubleValue();
			if (value > above && value < below) {
				return value;
			}
			nodes.add(node, what + " must be more than " + number(above) + " and less than " + number(below)
					+ ", not " + text);
		}
		catch (NumberFormatException ex) {
			nodes.add(node, what + " must be a number such as " + (below <= 1 ? "0.2 (20%)" : "2.5") + ", not '"
					+ text + "'");
		}
		return null;
	}

	private static String number(double value) {
		return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
	}

	private Node required(Map<String, Node> keys, String key, Node parent) {
		return nodes.required(keys, key, parent, SHIPPED);
	}
}
