package io.contactsync.dedup;

import java.io.Reader;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.contactsync.policy.YamlNodes;
import io.contactsync.dedup.DedupRules.BlockingKey;
import io.contactsync.dedup.DedupRules.Comparison;
import io.contactsync.dedup.DedupRules.Method;
import io.contactsync.dedup.DedupRules.NameSource;
import io.contactsync.dedup.DedupRules.Survivor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads {@code jobs/dedup.yml} into {@link DedupRules}, reporting every problem with its line and fix at once.
 * The file is composed into YAML nodes only, never constructed into objects, so no tag can make it run code,
 * and each node keeps the line it was written on.
 * <p>
 * The top-level keys and the small sections are read here; {@code compare} and {@code blocking} have readers of
 * their own, and all of them add to the one file's list of problems.
 */
class DedupRulesReader {

	/** {@code schedule} is the job's schedule, read by jobs/JobFiles like every jobs/*.yml file's. */
	private static final List<String> KEYS = List.of("thresholds", "baseline", "survivor", "emails", "names",
			"maxBlockSize", "compare", "blocking", "schedule");

	private static final String SEE = " (jobs/dedup.yml explains every key)";

	DedupRules read(String file, Reader yaml) {
		return new Reading(file).read(yaml);
	}

	/** Default floors: below these a fuzzy similarity says nothing about being the same person. */
	static double defaultFloor(Method method) {
		return switch (method) {
			case JARO_WINKLER -> 0.8;
			case EDIT_DISTANCE, EMAIL -> 0.6;
			case EXACT -> 0;
		};
	}

	private static final class Reading {

		private final String file;

		private final YamlNodes nodes;

		private final DedupRuleValues ruleValues;

		private final DedupComparisonsReader comparisonsReader;

		private final DedupBlockingReader blockingReader;

		Reading(String file) {
			this.file = file;
			this.nodes = new YamlNodes(file, "jobs/dedup.yml");
			this.ruleValues = new DedupRuleValues(nodes);
			this.comparisonsReader = new DedupComparisonsReader(nodes, ruleValues);
			this.blockingReader = new DedupBlockingReader(nodes, ruleValues);
		}

		DedupRules read(Reader yaml) {
			Node root = nodes.compose(yaml);
			if (root == null && !nodes.problems().isEmpty()) {
				throw failure();
			}
			if (!(root instanceof MappingNode rootMap)) {
				add(root == null ? 1 : YamlNodes.line(root), "the rules are a set of keys (thresholds, compare,"
						+ " blocking, ...)" + SEE);
				throw failure();
			}
			Map<String, Node> top = nodes.keys(rootMap, KEYS, "");
			for (String required : List.of("thresholds", "compare", "blocking")) {
				if (!top.containsKey(required)) {
					add(root, "missing " + required + "; add it" + SEE);
				}
			}
			double[] thresholds = thresholds(top.get("thresholds"));
			double baseline = top.containsKey("baseline")
					? ruleValues.number(top.get("baseline"), "baseline", -100, 100) : 0;
			Survivor survivor = survivor(top.get("survivor"));
			boolean gmailDots = gmailDots(top.get("emails"));
			NameSource names = names(top.get("names"));
			int maxBlockSize = top.containsKey("maxBlockSize")
					? (int) ruleValues.number(top.get("maxBlockSize"), "maxBlockSize", 2, 100_000) : 100;
			List<Comparison> comparisons = comparisonsReader.comparisons(top.get("compare"));
			List<BlockingKey> blocking = blockingReader.blocking(top.get("blocking"));
			if (!nodes.problems().isEmpty()) {
				throw failure();
			}
			return new DedupRules(file, thresholds[0], thresholds[1], baseline, survivor, gmailDots, names,
					maxBlockSize, comparisons, blocking);
		}

		private double[] thresholds(Node node) {
			double[] values = { 1, 1 };
			if (node == null) {
				return values;
			}
			if (!(node instanceof MappingNode map)) {
				add(node, "thresholds must be a map, e.g. {autoMerge: 0.98, review: 0.6}");
				return values;
			}
			Map<String, Node> keys = nodes.keys(map, List.of("autoMerge", "review"), "thresholds.");
			for (String key : List.of("autoMerge", "review")) {
				if (!keys.containsKey(key)) {
					add(node, "missing thresholds." + key + "; add a score from 0 to 1, e.g. " + key + ": "
							+ (key.equals("review") ? "0.6" : "0.98"));
				}
			}
			values[0] = keys.containsKey("autoMerge")
					? ruleValues.number(keys.get("autoMerge"), "thresholds.autoMerge", 0, 1) : 1;
			values[1] = keys.containsKey("review")
					? ruleValues.number(keys.get("review"), "thresholds.review", 0, 1) : 1;
			if (values[1] > values[0]) {
				add(keys.get("review"), "thresholds.review (" + DedupRuleValues.plain(values[1])
						+ ") is above autoMerge (" + DedupRuleValues.plain(values[0])
						+ "); review must be at most autoMerge");
			}
			return values;
		}

		private Survivor survivor(Node node) {
			if (node == null) {
				return Survivor.OLDEST;
			}
			String text = nodes.text(node, "survivor");
			for (Survivor survivor : Survivor.values()) {
				if (survivor.name().toLowerCase(Locale.ROOT).equals(text)) {
					return survivor;
				}
			}
			if (text != null) {
				add(node, "unknown survivor '" + text + "'; use oldest or latest_activity");
			}
			return Survivor.OLDEST;
		}

		private boolean gmailDots(Node node) {
			if (node == null) {
				return false;
			}
			if (!(node instanceof MappingNode map)) {
				add(node, "emails must be a map, e.g. {gmailDots: true}");
				return false;
			}
			Node flag = nodes.keys(map, List.of("gmailDots"), "emails.").get("gmailDots");
			if (flag == null) {
				return false;
			}
			String text = nodes.text(flag, "emails.gmailDots");
			if (!"true".equals(text) && !"false".equals(text)) {
				add(flag, "emails.gmailDots must be true or false, not '" + text + "'");
			}
			return "true".equals(text);
		}

		private NameSource names(Node node) {
			if (node == null) {
				return NameSource.FROM_NAME;
			}
			if (!(node instanceof MappingNode map)) {
				add(node, "names must be a map, e.g. {given: attributes.first_name, family: attributes.last_name}");
				return NameSource.FROM_NAME;
			}
			Map<String, Node> keys = nodes.keys(map, List.of("given", "family"), "names.");
			String given = keys.containsKey("given") ? ruleValues.attribute(keys.get("given"), "names.given") : null;
			String family = keys.containsKey("family") ? ruleValues.attribute(keys.get("family"), "names.family") : null;
			if (given == null || family == null) {
				add(node, "names needs both given and family, each an attributes.<key>; leave names out to split"
						+ " the contact's name");
				return NameSource.FROM_NAME;
			}
			return new NameSource(given, family);
		}

		private void add(Node node, String message) {
			nodes.add(node, message);
		}

		private void add(int line, String message) {
			nodes.add(line, message);
		}

		private DedupRulesException failure() {
			return new DedupRulesException(nodes.problems());
		}
	}
}
