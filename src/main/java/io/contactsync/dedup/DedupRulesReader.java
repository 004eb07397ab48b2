package io.contactsync.dedup;

import java.io.Reader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.contactsync.policy.YamlNodes;
import io.contactsync.dedup.DedupRules.BlockingKey;
import io.contactsync.dedup.DedupRules.Comparison;
import io.contactsync.dedup.DedupRules.KeyPart;
import io.contactsync.dedup.DedupRules.Method;
import io.contactsync.dedup.DedupRules.NameSource;
import io.contactsync.dedup.DedupRules.Survivor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads {@code jobs/dedup.yml} into {@link DedupRules}, reporting every problem with its line and fix at once.
 * The file is composed into YAML nodes only, never constructed into objects, so no tag can make it run code,
 * and each node keeps the line it was written on.
 */
class DedupRulesReader {

	/** {@code schedule} is the job's schedule, read by jobs/JobFiles like every jobs/*.yml file's. */
	private static final List<String> KEYS = List.of("thresholds", "baseline", "survivor", "emails", "names",
			"maxBlockSize", "compare", "blocking", "schedule");

	private static final List<String> COMPARISON_KEYS = List.of("field", "method", "agree", "disagree", "floor");

	private static final List<String> FIELDS = List.of("email", "email.local", "phone", "identity", "name.given",
			"name.family");


	private static final Pattern ATTRIBUTE = Pattern.compile("attributes\\.[A-Za-z0-9_\\-]+");

	private static final Pattern KEY_PART = Pattern.compile("([a-z_.A-Z0-9\\-]+)(?::(\\d+))?");

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

		Reading(String file) {
			this.file = file;
			this.nodes = new YamlNodes(file, "jobs/dedup.yml");
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
			double baseline = top.containsKey("baseline") ? number(top.get("baseline"), "baseline", -100, 100) : 0;
			Survivor survivor = survivor(top.get("survivor"));
			boolean gmailDots = gmailDots(top.get("emails"));
			NameSource names = names(top.get("names"));
			int maxBlockSize = top.containsKey("maxBlockSize")
					? (int) number(top.get("maxBlockSize"), "maxBlockSize", 2, 100_000) : 100;
			List<Comparison> comparisons = comparisons(top.get("compare"));
			List<BlockingKey> blocking = blocking(top.get("blocking"));
			if (!nodes.problems().isEmpty()) {
				throw failure();
			}
			return new DedupRules(file, thresholds[0], thresholds[1], baseline, survivor, gmailDots, names,
					maxBlockSize, comparisons, blocking);
		}

		/** The number, or NaN (and a problem) when it is not one or out of range. */
		private double number(Node node, String what, double min, double max) {
			String text = nodes.text(node, what);
			if (text == null) {
				return Double.NaN;
			}
			try {
				double value = Double.parseDouble(text.replace("_", ""));
				if (value >= min && value <= max) {
					return value;
				}
				add(node, what + " must be from " + plain(min) + " to " + plain(max) + ", not " + text);
			}
			catch (NumberFormatException ex) {
				add(node, what + " must be a number, not '" + text + "'");
			}
			return Double.NaN;
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
			values[0] = keys.containsKey("autoMerge") ? number(keys.get("autoMerge"), "thresholds.autoMerge", 0, 1) : 1;
			values[1] = keys.containsKey("review") ? number(keys.get("review"), "thresholds.review", 0, 1) : 1;
			if (values[1] > values[0]) {
				add(keys.get("review"), "thresholds.review (" + plain(values[1]) + ") is above autoMerge ("
						+ plain(values[0]) + "); review must be at most autoMerge");
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
			String given = keys.containsKey("given") ? attribute(keys.get("given"), "names.given") : null;
			String family = keys.containsKey("family") ? attribute(keys.get("family"), "names.family") : null;
			if (given == null || family == null) {
				add(node, "names needs both given and family, each an attributes.<key>; leave names out to split"
						+ " the contact's name");
				return NameSource.FROM_NAME;
			}
			return new NameSource(given, family);
		}

		private String attribute(Node node, String what) {
			String text = nodes.text(node, what);
			if (text != null && !ATTRIBUTE.matcher(text).matches()) {
				add(node, what + " must be attributes.<key>, not '" + text + "'");
				return null;
			}
			return text;
		}

		private List<Comparison> comparisons(Node node) {
			List<Comparison> comparisons = new ArrayList<>();
			if (node == null) {
				return comparisons;
			}
			if (!(node instanceof SequenceNode sequence) || sequence.getValue().isEmpty()) {
				add(node, "compare must be a list of comparisons, e.g. - {field: email, method: email, agree: 8,"
						+ " disagree: 2}");
				return comparisons;
			}
			Map<String, Integer> seen = new LinkedHashMap<>();
			for (Node item : sequence.getValue()) {
				Comparison comparison = comparison(item);
				if (comparison == null) {
					continue;
				}
				Integer first = seen.putIfAbsent(comparison.field(), comparison.line());
				if (first != null) {
					add(item, comparison.field() + " is compared twice (first on line " + first + "); keep one");
				}
				else {
					comparisons.add(comparison);
				}
			}
			return List.copyOf(comparisons);
		}

		private Comparison comparison(Node item) {
			if (!(item instanceof MappingNode map)) {
				add(item, "each comparison is a map, e.g. - {field: phone, method: exact, agree: 7, disagree: 1}");
				return null;
			}
			Map<String, Node> keys = nodes.keys(map, COMPARISON_KEYS, "");
			if (!keys.containsKey("field") || !keys.containsKey("method") || !keys.containsKey("agree")) {
				add(item, "a comparison needs field, method and agree (disagree and floor are optional), e.g."
						+ " {field: phone, method: exact, agree: 7, disagree: 1}");
				return null;
			}
			String field = field(keys.get("field"));
			Method method = method(keys.get("method"));
			double agree = number(keys.get("agree"), "agree", 0, 100);
			double disagree = keys.containsKey("disagree") ? number(keys.get("disagree"), "disagree", 0, 100) : 0;
			double floor = method == null ? 0 : DedupRulesReader.defaultFloor(method);
			if (keys.containsKey("floor")) {
				floor = number(keys.get("floor"), "floor", 0, 0.99);
				if (method == Method.EXACT) {
					add(keys.get("floor"), "floor applies to fuzzy methods; remove it from an exact comparison");
				}
			}
			if (field == null || method == null) {
				return null;
			}
			if (method == Method.EMAIL && !field.equals("email")) {
				add(keys.get("method"), "method email compares email addresses; use it on field email, or use"
						+ " edit_distance or jaro_winkler for " + field);
				return null;
			}
			if ((field.equals("phone") || field.equals("identity")) && method != Method.EXACT) {
				add(keys.get("method"), field + " is compared exactly (any value in common); use method: exact");
				return null;
			}
			return new Comparison(field, method, agree, disagree, floor, YamlNodes.line(item));
		}

		private String field(Node node) {
			String text = nodes.text(node, "field");
			if (text != null && !FIELDS.contains(text) && !ATTRIBUTE.matcher(text).matches()) {
				add(node, "unknown field '" + text + "'; use one of " + String.join(", ", FIELDS)
						+ " or attributes.<key>");
				return null;
			}
			return text;
		}

		private Method method(Node node) {
			String text = nodes.text(node, "method");
			if (text == null) {
				return null;
			}
			try {
				return Method.valueOf(text.toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				add(node, "unknown method '" + text + "'; use one of " + String.join(", ",
						Arrays.stream(Method.values()).map(m -> m.name().toLowerCase(Locale.ROOT)).toList()));
				return null;
			}
		}

		private List<BlockingKey> blocking(Node node) {
			List<BlockingKey> keys = new ArrayList<>();
			if (node == null) {
				return keys;
			}
			if (!(node instanceof SequenceNode sequence) || sequence.getValue().isEmpty()) {
				add(node, "blocking must be a list of keys, e.g. - [email] and - [name.family, name.given:1]");
				return keys;
			}
			for (Node item : sequence.getValue()) {
				if (!(item instanceof SequenceNode parts) || parts.getValue().isEmpty()) {
					add(item, "each blocking key is a list of fields, e.g. - [name.family, name.given:1]");
					continue;
				}
				List<KeyPart> keyParts = new ArrayList<>();
				for (Node part : parts.getValue()) {
					KeyPart keyPart = keyPart(part);
					if (keyPart != null) {
						keyParts.add(keyPart);
					}
				}
				if (keyParts.size() == parts.getValue().size()) {
					keys.add(new BlockingKey(List.copyOf(keyParts), YamlNodes.line(item)));
				}
			}
			return List.copyOf(keys);
		}

		private KeyPart keyPart(Node node) {
			String text = nodes.text(node, "a blocking key part");
			if (text == null) {
				return null;
			}
			Matcher matcher = KEY_PART.matcher(text);
			String field = matcher.matches() ? matcher.group(1) : text;
			if (!FIELDS.contains(field) && !ATTRIBUTE.matcher(field).matches()) {
				add(node, "unknown field '" + field + "' in blocking; use one of " + String.join(", ", FIELDS)
						+ " or attributes.<key>, optionally with :N for its first N characters");
				return null;
			}
			int prefix = matcher.group(2) == null ? 0 : Integer.parseInt(matcher.group(2));
			if (matcher.group(2) != null && prefix < 1) {
				add(node, "the prefix length after ':' must be at least 1, e.g. name.given:1");
				return null;
			}
			return new KeyPart(field, prefix);
		}

		private static String plain(double value) {
			return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
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
