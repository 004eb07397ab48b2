package io.contactsync.policy;

import java.io.Reader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads the YAML files people edit (mappings/, jobs/) as nodes, never as objects: no tag can make SnakeYAML
 * create a class, so such a file cannot run code, and every value keeps the line it was written on. Each
 * problem is kept with its file and line, so that one pass reports everything wrong with a file.
 */
public final class YamlNodes {

	private static final Set<Tag> PLAIN_TAGS = Set.of(Tag.STR, Tag.INT, Tag.BOOL, Tag.FLOAT, Tag.NULL, Tag.TIMESTAMP,
			Tag.SEQ, Tag.MAP);

	private final String file;

	private final String readme;

	private final List<FileProblem> problems = new ArrayList<>();

	/**
	 * @param file   how problems name the file
	 * @param readme the file that explains the format, named in messages about the file as a whole
	 */
	public YamlNodes(String file, String readme) {
		this.file = file;
		this.readme = readme;
	}

	/** Everything found wrong so far, in the order it was found. */
	public List<FileProblem> problems() {
		return problems;
	}

	/** The document's root, or null when it is empty or no YAML (then a problem says which). */
	public Node compose(Reader yaml) {
		try {
			Node root = new Yaml(new SafeConstructor(new LoaderOptions())).compose(yaml);
			if (root != null) {
				refuseTags(root, Collections.newSetFromMap(new IdentityHashMap<>()));
			}
			return root;
		}
		catch (MarkedYAMLException ex) {
			int line = ex.getProblemMark() == null ? 1 : ex.getProblemMark().getLine() + 1;
			String problem = String.valueOf(ex.getProblem());
			if (problem.startsWith("Global tag is not allowed")) {
				add(line, "YAML tags such as !!java... are not allowed: this file holds plain values only,"
						+ " so remove the tag");
			}
			else {
				add(line, "not valid YAML (" + problem + "); fix the syntax there: indentation, quotes,"
						+ " brackets and a colon after each key");
			}
		}
		catch (YAMLException ex) {
			add(1, "not valid YAML; fix the file's syntax (see " + readme + ")");
		}
		return null;
	}

	/** Local tags ({@code !foo}) get past SnakeYAML's check for global ones; refuse those too. */
	private void refuseTags(Node node, Set<Node> seen) {
		if (!seen.add(node)) {
			return;
		}
		if (!PLAIN_TAGS.contains(node.getTag())) {
			add(node, "YAML tag '" + node.getTag() + "' is not allowed: this file holds plain values only,"
					+ " so remove the tag");
		}
		if (node instanceof MappingNode map) {
			for (NodeTuple tuple : map.getValue()) {
				refuseTags(tuple.getKeyNode(), seen);
				refuseTags(tuple.getValueNode(), seen);
			}
		}
		else if (node instanceof SequenceNode sequence) {
			sequence.getValue().forEach(item -> refuseTags(item, seen));
		}
	}

	/** The keys of a YAML mapping by name, in file order, reporting unknown and repeated ones. */
	public Map<String, Node> keys(MappingNode map, List<String> allowed, String prefix) {
		Map<String, Node> keys = new LinkedHashMap<>();
		Map<String, Integer> lines = new LinkedHashMap<>();
		for (NodeTuple tuple : map.getValue()) {
			Node keyNode = tuple.getKeyNode();
			if (!(keyNode instanceof ScalarNode scalar)) {
				add(keyNode, "a key must be a plain name; use one of " + String.join(", ", allowed));
				continue;
			}
			String key = scalar.getValue();
			if (!allowed.contains(key)) {
				add(keyNode, "unknown key '" + prefix + key + "'; use one of " + String.join(", ", allowed));
			}
			else if (lines.containsKey(key)) {
				add(keyNode, prefix + key + " is written twice (first on line " + lines.get(key) + "); keep one");
			}
			else {
				keys.put(key, tuple.getValueNode());
				lines.put(key, line(keyNode));
			}
		}
		return keys;
	}

	/** The keys of a section (a YAML mapping) by name; nothing, and a problem, when the node is not one. */
	public Map<String, Node> section(Node node, List<String> allowed, String what) {
		if (node == null) {
			return Map.of();
		}
		if (!(node instanceof MappingNode map)) {
			add(node, what + " is a set of keys: " + String.join(", ", allowed));
			return Map.of();
		}
		return keys(map, allowed, what + ".");
	}

	/**
	 * The key's value; when it is missing, a problem on the line of the section that lacks it (none when that
	 * section is missing too: it has its own problem already).
	 */
	public Node required(Map<String, Node> keys, String key, Node section, String shippedFile) {
		Node value = keys.get(key);
		if (value == null && section != null) {
			add(section, key + " is missing here; add it (the shipped " + shippedFile + " has every key with its"
					+ " default)");
		}
		return value;
	}

	/** A whole number from {@code min} to {@code max}, or null with a problem. */
	public Integer integer(Node node, String what, int min, int max) {
		if (node == null) {
			return null;
		}
		Integer value = integer(node, what);
		if (value != null && (value < min || value > max)) {
			add(node, what + " must be from " + min + " to " + max + ", not " + value);
			return null;
		}
		return value;
	}

	/** A single value, or null (and a problem) when the node is a list, a map or empty. */
	public String text(Node node, String what) {
		if (node instanceof ScalarNode scalar && !Tag.NULL.equals(scalar.getTag())) {
			return scalar.getValue();
		}
		add(node, what + " needs a single value here, not " + (node instanceof ScalarNode ? "nothing"
				: node instanceof SequenceNode ? "a list" : "a map"));
		return null;
	}

	public Integer integer(Node node, String what) {
		String text = text(node, what);
		if (text == null) {
			return null;
		}
		try {
			return Integer.parseInt(text.replace("_", ""));
		}
		catch (NumberFormatException ex) {
			add(node, what + " must be a whole number, not '" + text + "'");
			return null;
		}
	}

	public boolean flag(Node node, String what, boolean absent) {
		if (node == null) {
			return absent;
		}
		String text = text(node, what);
		if ("true".equals(text) || "false".equals(text)) {
			return Boolean.parseBoolean(text);
		}
		if (text != null) {
			add(node, what + " must be true or false, not '" + text + "'");
		}
		return absent;
	}

	public static int line(Node node) {
		return node.getStartMark().getLine() + 1;
	}

	public void add(Node node, String message) {
		add(line(node), message);
	}

	/** A problem on a 1-based line. */
	public void add(int line, String message) {
		problems.add(new FileProblem(file, line, message));
	}
}
