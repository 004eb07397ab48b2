package io.contactsync.scoring;

import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.contactsync.policy.YamlNodes;
import io.contactsync.jobs.JobFileException;
import io.contactsync.scoring.LeadScoringRules.CountPoints;
import io.contactsync.scoring.LeadScoringRules.Intent;
import io.contactsync.scoring.LeadScoringRules.RecencyPoints;
import io.contactsync.scoring.LeadScoringRules.StatusRules;
import io.contactsync.scoring.LeadScoringRules.Temperatures;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads {@code jobs/lead-scoring.yml} into {@link LeadScoringRules}. Every section is required, so that the file
 * shows every rule in force; each mistake is reported with its line and the fix, all of them at once.
 * {@code schedule:} belongs to {@code jobs/JobFiles} and is passed over here.
 */
final class LeadScoringFileReader {

	private static final String README = "jobs/README.md";

	private static final List<String> TOP = List.of("schedule", "score", "intents", "temperature", "status",
			"conversion");

	private static final List<String> SCORE = List.of("conversations", "recency", "contact-details");

	private static final List<String> INTENT = List.of("description", "points", "phrases");

	private static final List<String> ARCHIVED = List.of("inactive-days", "opted-out", "in-crm");

	private static final List<String> NEW = List.of("within-days", "max-conversations");

	private static final List<String> ACTIVE = List.of("min-conversations", "min-score", "within-days",
			"needs-contact-details");

	private static final List<String> CONTACT_GOALS = List.of("email", "phone");

	private final YamlNodes nodes;

	LeadScoringFileReader(String file) {
		this.nodes = new YamlNodes(file, README);
	}

	/** The rules, or a {@link JobFileException} listing everything wrong with the file. */
	LeadScoringRules read(Reader yaml) {
		LeadScoringRules rules = rules(nodes.compose(yaml));
		if (!nodes.problems().isEmpty()) {
			throw new JobFileException(nodes.problems());
		}
		return rules;
	}

	private LeadScoringRules rules(Node root) {
		if (!(root instanceof MappingNode map)) {
			if (nodes.problems().isEmpty()) {
				nodes.add(root == null ? 1 : YamlNodes.line(root),
						"lead-scoring.yml needs the sections score, intents, temperature, status and conversion; start"
								+ " from the shipped file (see " + README + ")");
			}
			return null;
		}
		Map<String, Node> top = nodes.keys(map, TOP, "");
		Map<String, Node> score = section(top, "score", SCORE, root);
		List<Intent> intents = intents(required(top, "intents", root));
		Map<String, Node> temperature = section(top, "temperature", List.of("hot", "warm"), root);
		Map<String, Node> status = section(top, "status", List.of("archived", "new", "active"), root);
		Map<String, Node> conversion = section(top, "conversion", List.of("any-of"), root);
		return new LeadScoringRules(
				lines(required(score, "conversations", top.get("score")), "at-least", "score.conversations").stream()
					.map(line -> new CountPoints(line.threshold(), line.points())).toList(),
				lines(required(score, "recency", top.get("score")), "within-days", "score.recency").stream()
					.map(line -> new RecencyPoints(line.threshold(), line.points())).toList(),
				points(required(score, "contact-details", top.get("score")), "score.contact-details"),
				intents, temperatures(temperature, top.get("temperature")), statusRules(status, top.get("status")),
				goals(required(conversion, "any-of", top.get("conversion")), intents));
	}

	private record Line(int threshold, int points) {
	}

	/** A list of {threshold: n, points: p} lines, the threshold strictly moving away from the first line's. */
	private List<Line> lines(Node node, String thresholdKey, String what) {
		List<Line> steps = new ArrayList<>();
		if (node == null) {
			return steps;
		}
		if (!(node instanceof SequenceNode list) || list.getValue().isEmpty()) {
			nodes.add(node, what + " is a list of lines like - {" + thresholdKey + ": 3, points: 30}");
			return steps;
		}
		Integer previous = null;
		for (Node item : list.getValue()) {
			Map<String, Node> keys = nodes.section(item, List.of(thresholdKey, "points"), what);
			Integer threshold = number(required(keys, thresholdKey, item), what + "." + thresholdKey, 0);
			int points = points(required(keys, "points", item), what + ".points");
			if (threshold == null) {
				continue;
			}
			boolean outOfOrder = previous != null
					&& (thresholdKey.equals("at-least") ? threshold >= previous : threshold <= previous);
			if (outOfOrder) {
				nodes.add(item, what + " lines go " + (thresholdKey.equals("at-least") ? "from the most"
						+ " conversations down" : "from the fewest days up") + ": the first line a contact reaches counts");
			}
			previous = threshold;
			steps.add(new Line(threshold, points));
		}
		return steps;
	}

	private List<Intent> intents(Node node) {
		List<Intent> intents = new ArrayList<>();
		if (node == null) {
			return intents;
		}
		if (!(node instanceof MappingNode map) || map.getValue().isEmpty()) {
			nodes.add(node, "intents is a set of intents by name, e.g. pricing: {description: asked about pricing,"
					+ " points: 30, phrases: {en: [price*, \"how much\"]}}");
			return intents;
		}
		if (map.getValue().size() > LeadScoringRules.MAX_INTENTS) {
			nodes.add(node, "at most " + LeadScoringRules.MAX_INTENTS + " intents; merge related ones");
		}
		for (var tuple : map.getValue()) {
			String name = nodes.text(tuple.getKeyNode(), "an intent's name");
			if (name == null) {
				continue;
			}
			if (!name.matches("[a-z][a-z0-9_-]*")) {
				nodes.add(tuple.getKeyNode(), "intent name '" + name + "' must be lower-case letters, digits, - or _");
			}
			if (CONTACT_GOALS.contains(name)) {
				nodes.add(tuple.getKeyNode(), "'" + name + "' is a conversion goal of its own; name the intent otherwise");
			}
			Map<String, Node> keys = nodes.section(tuple.getValueNode(), INTENT, "intents." + name);
			Node description = required(keys, "description", tuple.getValueNode());
			intents.add(new Intent(name, description == null ? name : nodes.text(description, "intents." + name
					+ ".description"), points(required(keys, "points", tuple.getValueNode()), "intents." + name + ".points"),
					phrases(required(keys, "phrases", tuple.getValueNode()), name)));
		}
		return intents;
	}

	private List<String> phrases(Node node, String intent) {
		List<String> phrases = new ArrayList<>();
		if (node == null) {
			return phrases;
		}
		if (!(node instanceof MappingNode languages) || languages.getValue().isEmpty()) {
			nodes.add(node, "intents." + intent + ".phrases lists phrases by language, e.g. {en: [price*, \"how much\"],"
					+ " de: [preis*]}");
			return phrases;
		}
		for (var language : languages.getValue()) {
			String code = nodes.text(language.getKeyNode(), "a language");
			if (!(language.getValueNode() instanceof SequenceNode list)) {
				nodes.add(language.getValueNode(), "intents." + intent + ".phrases." + code
						+ " is a list of phrases, e.g. [price*, \"how much\"]");
				continue;
			}
			for (Node item : list.getValue()) {
				String phrase = nodes.text(item, "a phrase of intents." + intent);
				if (phrase != null && !IntentMatcher.hasWords(phrase)) {
					nodes.add(item, "phrase '" + phrase + "' has no letters or digits and would never match; remove it");
				}
				else if (phrase != null) {
					phrases.add(phrase);
				}
			}
		}
		return phrases;
	}

	private Temperatures temperatures(Map<String, Node> keys, Node section) {
		Integer hot = number(required(keys, "hot", section), "temperature.hot", 0);
		Integer warm = number(required(keys, "warm", section), "temperature.warm", 0);
		if (hot != null && warm != null && warm >= hot) {
			nodes.add(section, "temperature.warm (" + warm + ") must be below temperature.hot (" + hot + ")");
		}
		return new Temperatures(hot == null ? 0 : hot, warm == null ? 0 : warm);
	}

	private StatusRules statusRules(Map<String, Node> keys, Node section) {
		Node archivedNode = required(keys, "archived", section);
		Node newNode = required(keys, "new", section);
		Node activeNode = required(keys, "active", section);
		Map<String, Node> archived = nodes.section(archivedNode, ARCHIVED, "status.archived");
		Map<String, Node> fresh = nodes.section(newNode, NEW, "status.new");
		Map<String, Node> active = nodes.section(activeNode, ACTIVE, "status.active");
		return new StatusRules(days(required(archived, "inactive-days", archivedNode), "status.archived.inactive-days"),
				nodes.flag(archived.get("opted-out"), "status.archived.opted-out", true),
				nodes.flag(archived.get("in-crm"), "status.archived.in-crm", false),
				days(required(fresh, "within-days", newNode), "status.new.within-days"),
				count(required(fresh, "max-conversations", newNode), "status.new.max-conversations"),
				count(required(active, "min-conversations", activeNode), "status.active.min-conversations"),
				count(required(active, "min-score", activeNode), "status.active.min-score"),
				days(required(active, "within-days", activeNode), "status.active.within-days"),
				nodes.flag(active.get("needs-contact-details"), "status.active.needs-contact-details", true));
	}

	private List<String> goals(Node node, List<Intent> intents) {
		List<String> goals = new ArrayList<>();
		if (node == null) {
			return goals;
		}
		List<String> allowed = new ArrayList<>(CONTACT_GOALS);
		intents.forEach(intent -> allowed.add(intent.name()));
		if (!(node instanceof SequenceNode list) || list.getValue().isEmpty()) {
			nodes.add(node, "conversion.any-of is a list of goals, e.g. [email, phone]; goals are "
					+ String.join(", ", allowed));
			return goals;
		}
		for (Node item : list.getValue()) {
			String goal = nodes.text(item, "a conversion goal");
			if (goal != null && !allowed.contains(goal)) {
				nodes.add(item, "unknown conversion goal '" + goal + "'; use " + String.join(", ", allowed));
			}
			else if (goal != null) {
				goals.add(goal);
			}
		}
		return goals;
	}

	private Map<String, Node> section(Map<String, Node> top, String name, List<String> keys, Node root) {
		return nodes.section(required(top, name, root), keys, name);
	}

	private Node required(Map<String, Node> keys, String key, Node section) {
		return nodes.required(keys, key, section, "jobs/lead-scoring.yml");
	}

	private int points(Node node, String what) {
		Integer points = number(node, what, -100);
		return points == null ? 0 : points;
	}

	private int days(Node node, String what) {
		Integer days = number(node, what, 1);
		return days == null ? 0 : days;
	}

	private int count(Node node, String what) {
		Integer count = number(node, what, 0);
		return count == null ? 0 : count;
	}

	/** A whole number from {@code min} to 100,000 (points: to 100), or null with a problem. */
	private Integer number(Node node, String what, int min) {
		int max = what.endsWith("points") || what.startsWith("temperature") || what.endsWith("min-score") ? 100 : 100_000;
		return nodes.integer(node, what, min, max);
	}
}
