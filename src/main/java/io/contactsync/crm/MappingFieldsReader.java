package io.contactsync.crm;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.contactsync.crm.CrmMapping.FieldMapping;
import io.contactsync.crm.CrmMapping.Transform;
import io.contactsync.policy.YamlNodes;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A mapping file's {@code fields}: each CRM field with its source or constant, values and transforms, and the
 * checks that need the whole list (the match key is mapped, the target's required fields are never empty).
 * Most of what can go wrong in a mapping goes wrong here, so it has a class of its own.
 */
final class MappingFieldsReader {

	private static final List<String> FIELD_KEYS = List.of("target", "source", "constant", "values", "transforms",
			"default", "update", "clear");

	private final YamlNodes nodes;

	MappingFieldsReader(YamlNodes nodes) {
		this.nodes = nodes;
	}

	List<FieldMapping> fields(Node node) {
		List<FieldMapping> fields = new ArrayList<>();
		if (node == null) {
			return fields;
		}
		if (!(node instanceof SequenceNode sequence) || sequence.getValue().isEmpty()) {
			nodes.add(node, "fields must be a list of CRM fields, e.g. - {target: email, source: email}");
			return fields;
		}
		Map<String, Integer> targets = new LinkedHashMap<>();
		for (Node item : sequence.getValue()) {
			FieldMapping field = field(item);
			if (field == null) {
				continue;
			}
			Integer first = targets.putIfAbsent(field.target(), field.line());
			if (first != null) {
				nodes.add(item, "field '" + field.target() + "' is mapped twice (first on line " + first
						+ "); keep one");
			}
			else {
				fields.add(field);
			}
		}
		return fields;
	}

	String matchKey(Node node, List<FieldMapping> fields, boolean fieldsWritten) {
		if (node == null) {
			return null;
		}
		String matchKey = nodes.text(node, "matchKey");
		if (matchKey == null || !fieldsWritten) {
			return matchKey;
		}
		FieldMapping field = fields.stream().filter(candidate -> candidate.target().equals(matchKey))
			.findFirst().orElse(null);
		if (field == null) {
			nodes.add(node, "matchKey '" + matchKey + "' is not mapped; add a field with target: " + matchKey
					+ " or name one of the mapped fields");
		}
		else if (field.source() == null && field.constant() != null) {
			nodes.add(field.line(), "field '" + matchKey + "' is the match key, so a constant would make every"
					+ " contact the same CRM record; map it from a source");
		}
		else if (field.defaultValue() != null) {
			nodes.add(field.line(), "field '" + matchKey + "' is the match key, so a default would make every"
					+ " contact without it the same CRM record; remove the default and use scope to leave them out");
		}
		return matchKey;
	}

	void requiredFields(CrmTarget target, String object, List<FieldMapping> fields, Node fieldsNode) {
		for (String required : CrmRules.requiredFields(target, object)) {
			FieldMapping field = fields.stream().filter(candidate -> candidate.target().equals(required))
				.findFirst().orElse(null);
			if (field == null) {
				nodes.add(fieldsNode, target.code() + " " + object + " requires " + required + "; add {target: "
						+ required + ", source: <contact field>, default: <value>} or {target: " + required
						+ ", constant: <value>}");
			}
			else if (field.constant() == null && field.defaultValue() == null) {
				nodes.add(field.line(), "required field '" + required + "' may be empty; give it a default, e.g."
						+ " default: \"Unknown\"");
			}
		}
	}

	private FieldMapping field(Node item) {
		if (!(item instanceof MappingNode map)) {
			nodes.add(item, "each field is a map, e.g. - {target: email, source: email}");
			return null;
		}
		Map<String, Node> keys = nodes.keys(map, FIELD_KEYS, "");
		String target = keys.containsKey("target") ? nodes.text(keys.get("target"), "target") : null;
		if (!keys.containsKey("target")) {
			nodes.add(item, "field without target; add target: the CRM field's API name");
		}
		String shown = target == null ? "field" : "field '" + target + "'";
		String source = keys.containsKey("source") ? source(keys.get("source")) : null;
		String constant = keys.containsKey("constant") ? nodes.text(keys.get("constant"), "constant") : null;
		if (keys.containsKey("source") == keys.containsKey("constant")) {
			nodes.add(item, shown + (keys.containsKey("source") ? " has both source and constant; keep one"
					: " has neither source nor constant; add source: <contact field> or constant: <value>"));
		}
		Map<String, String> values = values(keys.get("values"), source, shown);
		List<Transform> transforms = transforms(keys.get("transforms"), source, shown);
		if (keys.containsKey("constant") && (keys.containsKey("values") || keys.containsKey("transforms"))) {
			nodes.add(item, shown + ": values and transforms apply to a source, a constant is sent as written;"
					+ " remove them or use a source");
		}
		String defaultValue = keys.containsKey("default") ? nodes.text(keys.get("default"), "default") : null;
		CrmMapping.Update update = update(keys.get("update"), shown);
		boolean clear = nodes.flag(keys.get("clear"), "clear", true);
		if (target == null) {
			return null;
		}
		return new FieldMapping(target, source, constant, values, transforms, defaultValue, update, clear,
				YamlNodes.line(item));
	}

	private CrmMapping.Update update(Node node, String shown) {
		if (node == null) {
			return CrmMapping.Update.ALWAYS;
		}
		String text = nodes.text(node, "update");
		for (CrmMapping.Update update : CrmMapping.Update.values()) {
			if (update.code().equals(text)) {
				return update;
			}
		}
		if (text != null) {
			nodes.add(node, shown + ": unknown update '" + text + "'; use always (every push writes it), if-empty"
					+ " (only until a value of ours is in the CRM) or never (on create only)");
		}
		return CrmMapping.Update.ALWAYS;
	}

	private String source(Node node) {
		String source = nodes.text(node, "source");
		if (source != null && !SourceFields.isKnown(source)) {
			nodes.add(node, "unknown source field '" + source + "'; use one of "
					+ String.join(", ", SourceFields.NAMES) + " or attributes.<key>");
			return null;
		}
		return source;
	}

	private Map<String, String> values(Node node, String source, String shown) {
		if (node == null) {
			return Map.of();
		}
		if (!(node instanceof MappingNode map)) {
			nodes.add(node, shown + ": values must map source values to CRM values, e.g. {new: NEW, active: OPEN}");
			return Map.of();
		}
		List<String> codes = source == null ? null : SourceFields.CODES.get(source);
		Map<String, String> values = new LinkedHashMap<>();
		for (NodeTuple tuple : map.getValue()) {
			String from = nodes.text(tuple.getKeyNode(), "a values key");
			String to = nodes.text(tuple.getValueNode(), "a values entry");
			if (from == null || to == null) {
				continue;
			}
			if (codes != null && !codes.contains(from)) {
				nodes.add(tuple.getKeyNode(), "'" + from + "' is not a value of " + source + "; key values by "
						+ MappingFileReader.oneOf(codes));
			}
			else if (values.putIfAbsent(from, to) != null) {
				nodes.add(tuple.getKeyNode(), shown + ": values lists '" + from + "' twice; keep one");
			}
		}
		return Collections.unmodifiableMap(values);
	}

	private List<Transform> transforms(Node node, String source, String shown) {
		if (node == null) {
			return List.of();
		}
		if (!(node instanceof SequenceNode sequence)) {
			nodes.add(node, shown + ": transforms must be a list, e.g. [lower_case] or [{truncate: 255}]");
			return List.of();
		}
		List<Transform> transforms = new ArrayList<>();
		for (Node item : sequence.getValue()) {
			Transform transform = transform(item, source);
			if (transform != null) {
				transforms.add(transform);
			}
		}
		return List.copyOf(transforms);
	}

	private Transform transform(Node item, String source) {
		String name;
		Node argumentNode = null;
		if (item instanceof MappingNode map && map.getValue().size() == 1) {
			NodeTuple tuple = map.getValue().get(0);
			name = nodes.text(tuple.getKeyNode(), "a transform");
			argumentNode = tuple.getValueNode();
		}
		else if (item instanceof ScalarNode) {
			name = nodes.text(item, "a transform");
		}
		else {
			nodes.add(item, "a transform is a name, e.g. lower_case, or a name with its argument, e.g."
					+ " {truncate: 255}");
			return null;
		}
		if (name == null) {
			return null;
		}
		FieldTransform kind = FieldTransform.fromCode(name).orElse(null);
		if (kind == null) {
			nodes.add(item, "unknown transform '" + name + "'; use " + MappingFileReader.oneOf(FieldTransform.codes()));
			return null;
		}
		String argument = argumentNode == null ? null : nodes.text(argumentNode, name);
		if (argumentNode != null && argument == null) {
			return null;
		}
		Optional<String> problem = kind.problem(argument, source);
		problem.ifPresent(message -> nodes.add(item, message));
		return problem.isPresent() ? null : new Transform(kind, argument);
	}
}
