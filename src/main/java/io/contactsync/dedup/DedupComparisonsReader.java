package io.contactsync.dedup;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.contactsync.dedup.DedupRules.Comparison;
import io.contactsync.dedup.DedupRules.Method;
import io.contactsync.policy.YamlNodes;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The rules' {@code compare} list: which field is compared by which method and what agreeing or disagreeing
 * weighs. A class of its own because its checks join field and method (email only by email, phone and identity
 * only exactly), which the rest of the file never does.
 */
final class DedupComparisonsReader {

	private static final List<String> COMPARISON_KEYS = List.of("field", "method", "agree", "disagree", "floor",
			"frequency");

	private final YamlNodes nodes;

	private final DedupRuleValues values;

	DedupComparisonsReader(YamlNodes nodes, DedupRuleValues values) {
		this.nodes = nodes;
		this.values = values;
	}

	List<Comparison> comparisons(Node node) {
		List<Comparison> comparisons = new ArrayList<>();
		if (node == null) {
			return comparisons;
		}
		if (!(node instanceof SequenceNode sequence) || sequence.getValue().isEmpty()) {
			nodes.add(node, "compare must be a list of comparisons, e.g. - {field: email, method: email, agree: 8,"
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
				nodes.add(item, comparison.field() + " is compared twice (first on line " + first + "); keep one");
			}
			else {
				comparisons.add(comparison);
			}
		}
		return List.copyOf(comparisons);
	}

	private Comparison comparison(Node item) {
		if (!(item instanceof MappingNode map)) {
			nodes.add(item, "each comparison is a map, e.g. - {field: phone, method: exact, agree: 7, disagree: 1}");
			return null;
		}
		Map<String, Node> keys = nodes.keys(map, COMPARISON_KEYS, "");
		if (!keys.containsKey("field") || !keys.containsKey("method") || !keys.containsKey("agree")) {
			nodes.add(item, "a comparison needs field, method and agree (disagree and floor are optional), e.g."
					+ " {field: phone, method: exact, agree: 7, disagree: 1}");
			return null;
		}
		String field = field(keys.get("field"));
		Method method = method(keys.get("method"));
		double agree = values.number(keys.get("agree"), "agree", 0, 100);
		double disagree = keys.containsKey("disagree") ? values.number(keys.get("disagree"), "disagree", 0, 100) : 0;
		double floor = method == null ? 0 : DedupRulesReader.defaultFloor(method);
		if (keys.containsKey("floor")) {
			floor = values.number(keys.get("floor"), "floor", 0, 0.99);
			if (method == Method.EXACT) {
				nodes.add(keys.get("floor"), "floor applies to fuzzy methods; remove it from an exact comparison");
			}
		}
		boolean frequency = keys.containsKey("frequency") && frequency(keys.get("frequency"), field);
		if (field == null || method == null) {
			return null;
		}
		if (method == Method.EMAIL && !field.equals("email")) {
			nodes.add(keys.get("method"), "method email compares email addresses; use it on field email, or use"
					+ " edit_distance or jaro_winkler for " + field);
			return null;
		}
		if ((field.equals("phone") || field.equals("identity")) && method != Method.EXACT) {
			nodes.add(keys.get("method"), field + " is compared exactly (any value in common); use method: exact");
			return null;
		}
		return new Comparison(field, method, agree, disagree, floor, frequency, YamlNodes.line(item));
	}

	private boolean frequency(Node node, String field) {
		String text = nodes.text(node, "frequency");
		if (!"true".equals(text) && !"false".equals(text)) {
			nodes.add(node, "frequency must be true or false, not '" + text + "'");
			return false;
		}
		if ("true".equals(text) && field != null && ContactFeatures.isMultiValued(field)) {
			nodes.add(node, "frequency weighs one value per contact; " + field + " has several, remove frequency");
			return false;
		}
		return "true".equals(text);
	}

	private String field(Node node) {
		String text = nodes.text(node, "field");
		if (text != null && !DedupRuleValues.isField(text)) {
			nodes.add(node, "unknown field '" + text + "'; use one of " + String.join(", ", DedupRuleValues.FIELDS)
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
			nodes.add(node, "unknown method '" + text + "'; use one of " + String.join(", ",
					Arrays.stream(Method.values()).map(m -> m.name().toLowerCase(Locale.ROOT)).toList()));
			return null;
		}
	}
}
