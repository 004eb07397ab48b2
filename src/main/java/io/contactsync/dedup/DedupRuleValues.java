package io.contactsync.dedup;

import java.util.List;
import java.util.regex.Pattern;

import io.contactsync.policy.YamlNodes;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The kinds of value {@code jobs/dedup.yml} is written in, whichever section they stand in: numbers in a range,
 * the contact fields a rule may name, and {@code attributes.<key>}. One place, so that compare and blocking
 * accept the same fields and every range message reads alike.
 */
final class DedupRuleValues {

	static final List<String> FIELDS = List.of("email", "email.local", "phone", "identity", "name.given",
			"name.family");

	private static final Pattern ATTRIBUTE = Pattern.compile("attributes\\.[A-Za-z0-9_\\-]+");

	private final YamlNodes nodes;

	DedupRuleValues(YamlNodes nodes) {
		this.nodes = nodes;
	}

	/** A field a comparison or a blocking key may name: one of {@link #FIELDS} or an attribute. */
	static boolean isField(String text) {
		return FIELDS.contains(text) || ATTRIBUTE.matcher(text).matches();
	}

	/** The number, or NaN (and a problem) when it is not one or out of range. */
	double number(Node node, String what, double min, double max) {
		String text = nodes.text(node, what);
		if (text == null) {
			return Double.NaN;
		}
		try {
			double value = Double.parseDouble(text.replace("_", ""));
			if (value >= min && value <= max) {
				return value;
			}
			nodes.add(node, what + " must be from " + plain(min) + " to " + plain(max) + ", not " + text);
		}
		catch (NumberFormatException ex) {
			nodes.add(node, what + " must be a number, not '" + text + "'");
		}
		return Double.NaN;
	}

	String attribute(Node node, String what) {
		String text = nodes.text(node, what);
		if (text != null && !ATTRIBUTE.matcher(text).matches()) {
			nodes.add(node, what + " must be attributes.<key>, not '" + text + "'");
			return null;
		}
		return text;
	}

	static String plain(double value) {
		return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
	}
}
