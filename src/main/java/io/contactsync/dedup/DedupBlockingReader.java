package io.contactsync.dedup;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.contactsync.dedup.DedupRules.BlockingKey;
import io.contactsync.dedup.DedupRules.KeyPart;
import io.contactsync.policy.YamlNodes;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The rules' {@code blocking} keys: lists of fields, each optionally cut to its first N characters or read by how
 * it sounds, that decide which contacts are compared at all. Its own small grammar ({@code name.given:1},
 * {@code name.family:phonetic}) sets it apart from the rest.
 */
final class DedupBlockingReader {

	private static final Pattern KEY_PART = Pattern.compile("([a-z_.A-Z0-9\\-]+)(?::(\\d+|phonetic))?");

	private final YamlNodes nodes;

	private final DedupRuleValues values;

	DedupBlockingReader(YamlNodes nodes, DedupRuleValues values) {
		this.nodes = nodes;
		this.values = values;
	}

	List<BlockingKey> blocking(Node node) {
		List<BlockingKey> keys = new ArrayList<>();
		if (node == null) {
			return keys;
		}
		if (!(node instanceof SequenceNode sequence) || sequence.getValue().isEmpty()) {
			nodes.add(node, "blocking must be a list of keys, e.g. - [email] and - [name.family, name.given:1]");
			return keys;
		}
		for (Node item : sequence.getValue()) {
			Node fields = item;
			int maxBlockSize = 0;
			if (item instanceof MappingNode map) {
				Map<String, Node> entries = nodes.keys(map, List.of("key", "maxBlockSize"), "blocking.");
				fields = entries.get("key");
				maxBlockSize = entries.containsKey("maxBlockSize")
						? (int) values.number(entries.get("maxBlockSize"), "maxBlockSize", 2, 100_000) : 0;
			}
			if (!(fields instanceof SequenceNode parts) || parts.getValue().isEmpty()) {
				nodes.add(item, "each blocking key is a list of fields, e.g. - [name.family, name.given:1], or a map"
						+ " with its own limit, e.g. - {key: [name.family:phonetic], maxBlockSize: 20}");
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
				keys.add(new BlockingKey(List.copyOf(keyParts), maxBlockSize, YamlNodes.line(item)));
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
		if (!DedupRuleValues.isField(field)) {
			nodes.add(node, "unknown field '" + field + "' in blocking; use one of "
					+ String.join(", ", DedupRuleValues.FIELDS)
					+ " or attributes.<key>, optionally with :N for its first N characters or :phonetic for how it"
					+ " sounds");
			return null;
		}
		if ("phonetic".equals(matcher.group(2))) {
			return new KeyPart(field, 0, true);
		}
		int prefix = matcher.group(2) == null ? 0 : Integer.parseInt(matcher.group(2));
		if (matcher.group(2) != null && prefix < 1) {
			nodes.add(node, "the prefix length after ':' must be at least 1, e.g. name.given:1");
			return null;
		}
		return new KeyPart(field, prefix, false);
	}
}
