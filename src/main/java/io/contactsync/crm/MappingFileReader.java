package io.contactsync.crm;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import io.contactsync.policy.FileProblem;
import io.contactsync.policy.YamlNodes;
import io.contactsync.crm.CrmMapping.FieldMapping;
import io.contactsync.crm.CrmMapping.RateLimit;
import io.contactsync.crm.CrmMapping.Scope;
import io.contactsync.crm.CrmMapping.Transform;
import io.contactsync.store.Channel;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads one mapping file into a {@link CrmMapping}, checking everything that can be checked without a CRM, and
 * fails with every problem of the file at once.
 * <p>
 * The file is only composed into YAML nodes, never constructed into objects: no tag can make SnakeYAML create a
 * class, so a mapping file cannot run code. The nodes also keep the line each value was written on.
 */
class MappingFileReader {

	private static final List<String> KEYS = List.of("target", "object", "matchKey", "scope", "batchSize",
			"rateLimit", "credentials", "deletion", "fields");

	private static final Map<String, String> REQUIRED_KEYS = requiredKeys();

	private static final List<String> FIELD_KEYS = List.of("target", "source", "constant", "values", "transforms",
			"default");

	private static final List<String> SCOPE_KEYS = List.of("requireEmail", "excludeArchived", "excludeOptedOut",
			"channels");

	private static final List<String> RATE_LIMIT_KEYS = List.of("requests", "perSeconds");


	private static final Pattern ENVIRONMENT_VARIABLE = Pattern.compile("[A-Z][A-Z0-9_]*");

	private static final String SEE_README = " (see mappings/README.md)";

	/** Reads a file; its path as given is how messages name it. */
	CrmMapping read(Path file) {
		try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			return read(file.toString(), reader);
		}
		catch (IOException ex) {
			throw new MappingException(List.of(new FileProblem(file.toString(), 1,
					"cannot be read (" + ex.getClass().getSimpleName() + "); check that it is a readable UTF-8 file")));
		}
	}

	/**
	 * Reads a mapping from {@code yaml}; {@code file} names it in messages and gives the mapping its name (the
	 * file name without {@code .yml}).
	 */
	CrmMapping read(String file, Reader yaml) {
		return new Reading(file).read(yaml);
	}

	private static Map<String, String> requiredKeys() {
		Map<String, String> keys = new LinkedHashMap<>();
		keys.put("target", "target: hubspot, salesforce or zoho");
		keys.put("object", "object: the CRM object, e.g. contacts, Lead or Leads");
		keys.put("matchKey", "matchKey: the CRM field that identifies a record, mapped in fields");
		keys.put("rateLimit", "rateLimit: {requests: 100, perSeconds: 10}");
		keys.put("credentials", "credentials: the environment variables that hold the secrets");
		keys.put("deletion", "deletion: delete, archive or gdpr-delete");
		keys.put("fields", "fields: the list of CRM fields");
		return Collections.unmodifiableMap(keys);
	}

	/** One file being read: collects its problems rather than stopping at the first. */
	private static final class Reading {

		private final String file;

		private final YamlNodes nodes;

		Reading(String file) {
			this.file = file;
			this.nodes = new YamlNodes(file, "mappings/README.md");
		}

		CrmMapping read(Reader yaml) {
			Node root = nodes.compose(yaml);
			if (root == null) {
				if (nodes.problems().isEmpty()) {
					add(1, "the file is empty; write a mapping into it" + SEE_README);
				}
				throw failure();
			}
			if (!(root instanceof MappingNode rootMap)) {
				add(root, "a mapping file is a set of keys (target, object, fields, ...), not a list or a single value"
						+ SEE_README);
				throw failure();
			}
			Map<String, Node> top = nodes.keys(rootMap, KEYS, "");
			REQUIRED_KEYS.forEach((key, example) -> {
				if (!top.containsKey(key)) {
					add(root, "missing " + key + "; add " + example);
				}
			});
			CrmTarget target = target(top.get("target"));
			String object = object(top.get("object"), target);
			Scope scope = scope(top.get("scope"));
			int batchSize = batchSize(top.get("batchSize"), target);
			RateLimit rateLimit = rateLimit(top.get("rateLimit"));
			Map<String, String> credentials = credentials(top.get("credentials"), target);
			String deletion = deletion(top.get("deletion"), target);
			List<FieldMapping> fields = fields(top.get("fields"));
			String matchKey = matchKey(top.get("matchKey"), fields, top.containsKey("fields"));
			if (target != null && object != null && top.get("fields") != null) {
				requiredFields(target, object, fields, top.get("fields"));
			}
			if (!nodes.problems().isEmpty()) {
				throw failure();
			}
			return new CrmMapping(name(), file, target, object, matchKey, scope, List.copyOf(fields), batchSize,
					rateLimit, Collections.unmodifiableMap(credentials), deletion);
		}

		private CrmTarget target(Node node) {
			if (node == null) {
				return null;
			}
			String text = nodes.text(node, "target");
			if (text == null) {
				return null;
			}
			CrmTarget target = CrmTarget.fromCode(text).orElse(null);
			if (target == null) {
				add(node, "unknown target '" + text + "'; use one of " + String.join(", ",
						Arrays.stream(CrmTarget.values()).map(CrmTarget::code).toList()));
			}
			return target;
		}

		private String object(Node node, CrmTarget target) {
			if (node == null) {
				return null;
			}
			String object = nodes.text(node, "object");
			if (object != null && target != null && !CrmRules.objects(target).contains(object)) {
				add(node, "unknown object '" + object + "' for " + target.code() + "; use "
						+ oneOf(CrmRules.objects(target)));
				return null;
			}
			return object;
		}

		private Scope scope(Node node) {
			if (node == null) {
				return new Scope(false, true, true, Set.of());
			}
			if (!(node instanceof MappingNode map)) {
				add(node, "scope must be a map, e.g. {requireEmail: true, excludeArchived: true,"
						+ " excludeOptedOut: true, channels: []}");
				return new Scope(false, true, true, Set.of());
			}
			Map<String, Node> keys = nodes.keys(map, SCOPE_KEYS, "scope.");
			Set<String> channels = new LinkedHashSet<>();
			Node channelsNode = keys.get("channels");
			if (channelsNode instanceof SequenceNode sequence) {
				for (Node item : sequence.getValue()) {
					String code = nodes.text(item, "scope.channels");
					if (code != null && Channel.fromCode(code).filter(channel -> channel.code().equals(code)).isEmpty()) {
						add(item, "unknown channel '" + code + "' in scope.channels; use " + oneOf(Channel.codes()));
					}
					else if (code != null) {
						channels.add(code);
					}
				}
			}
			else if (channelsNode != null) {
				add(channelsNode, "scope.channels must be a list of channel codes, e.g. [telegram, whatsapp];"
						+ " [] means every channel");
			}
			return new Scope(nodes.flag(keys.get("requireEmail"), "scope.requireEmail", false),
					nodes.flag(keys.get("excludeArchived"), "scope.excludeArchived", true),
					nodes.flag(keys.get("excludeOptedOut"), "scope.excludeOptedOut", true), Set.copyOf(channels));
		}

		private int batchSize(Node node, CrmTarget target) {
			int limit = target == null ? 100 : CrmRules.batchLimit(target);
			if (node == null) {
				return limit;
			}
			Integer size = nodes.integer(node, "batchSize");
			if (size != null && size < 1) {
				add(node, "batchSize must be at least 1; use 1 to " + limit);
			}
			else if (size != null && target != null && size > limit) {
				add(node, "batchSize " + size + " is above " + target.code() + "'s limit of " + limit
						+ " records per request; use 1 to " + limit);
			}
			return size == null ? limit : size;
		}

		private RateLimit rateLimit(Node node) {
			if (node == null) {
				return null;
			}
			String example = "e.g. rateLimit: {requests: 100, perSeconds: 10}";
			if (!(node instanceof MappingNode map)) {
				add(node, "rateLimit must be a map of requests and perSeconds, " + example);
				return null;
			}
			Map<String, Node> keys = nodes.keys(map, RATE_LIMIT_KEYS, "rateLimit.");
			Integer requests = positive(keys.get("requests"), map, "rateLimit.requests", example);
			Integer seconds = positive(keys.get("perSeconds"), map, "rateLimit.perSeconds", example);
			return requests == null || seconds == null ? null
					: new RateLimit(requests, Duration.ofSeconds(seconds));
		}

		private Integer positive(Node node, Node parent, String what, String example) {
			if (node == null) {
				add(parent, "missing " + what + "; " + example);
				return null;
			}
			Integer value = nodes.integer(node, what);
			if (value != null && value < 1) {
				add(node, what + " must be at least 1; " + example);
				return null;
			}
			return value;
		}

		private Map<String, String> credentials(Node node, CrmTarget target) {
			Map<String, String> credentials = new LinkedHashMap<>();
			if (node == null) {
				return credentials;
			}
			List<String> roles = target == null ? null : CrmRules.credentials(target);
			if (!(node instanceof MappingNode map)) {
				add(node, "credentials must map each secret to the environment variable that holds it, e.g. "
						+ (target == null ? "{accessToken: HUBSPOT_ACCESS_TOKEN}" : example(target, roles.get(0))));
				return credentials;
			}
			Map<String, Node> keys = nodes.keys(map, roles == null ? allRoles() : roles, "credentials.");
			keys.forEach((role, value) -> {
				String variable = nodes.text(value, "credentials." + role);
				if (variable != null && !ENVIRONMENT_VARIABLE.matcher(variable).matches()) {
					// Never quote the value: someone may have pasted the secret itself.
					add(value, "credentials." + role + " must name the environment variable that holds it (capital"
							+ " letters, digits and _, e.g. " + variableFor(target, role)
							+ "), never the secret itself; put the secret in that variable");
				}
				else if (variable != null) {
					credentials.put(role, variable);
				}
			});
			if (roles != null) {
				for (String role : roles) {
					if (!keys.containsKey(role)) {
						add(node, "credentials lacks " + role + "; add " + example(target, role));
					}
				}
			}
			return credentials;
		}

		private static List<String> allRoles() {
			Set<String> roles = new LinkedHashSet<>();
			Arrays.stream(CrmTarget.values()).forEach(target -> roles.addAll(CrmRules.credentials(target)));
			return List.copyOf(roles);
		}

		private static String example(CrmTarget target, String role) {
			return role + ": " + variableFor(target, role);
		}

		/** The conventional variable: the target and the role in capitals, e.g. ZOHO_REFRESH_TOKEN. */
		private static String variableFor(CrmTarget target, String role) {
			String prefix = target == null ? "CRM" : target.name();
			return prefix + "_" + role.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
		}

		private String deletion(Node node, CrmTarget target) {
			if (node == null) {
				return null;
			}
			String deletion = nodes.text(node, "deletion");
			if (deletion != null && !CrmRules.DELETION_MODES.contains(deletion)) {
				add(node, "unknown deletion '" + deletion + "'; use " + oneOf(CrmRules.DELETION_MODES));
			}
			else if (CrmRules.GDPR_DELETE.equals(deletion) && target != null && target != CrmTarget.HUBSPOT) {
				add(node, "deletion gdpr-delete exists only in HubSpot; use delete or archive for " + target.code());
			}
			return deletion;
		}

		private List<FieldMapping> fields(Node node) {
			List<FieldMapping> fields = new ArrayList<>();
			if (node == null) {
				return fields;
			}
			if (!(node instanceof SequenceNode sequence) || sequence.getValue().isEmpty()) {
				add(node, "fields must be a list of CRM fields, e.g. - {target: email, source: email}");
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
					add(item, "field '" + field.target() + "' is mapped twice (first on line " + first
							+ "); keep one");
				}
				else {
					fields.add(field);
				}
			}
			return fields;
		}

		private FieldMapping field(Node item) {
			if (!(item instanceof MappingNode map)) {
				add(item, "each field is a map, e.g. - {target: email, source: email}");
				return null;
			}
			Map<String, Node> keys = nodes.keys(map, FIELD_KEYS, "");
			String target = keys.containsKey("target") ? nodes.text(keys.get("target"), "target") : null;
			if (!keys.containsKey("target")) {
				add(item, "field without target; add target: the CRM field's API name");
			}
			String shown = target == null ? "field" : "field '" + target + "'";
			String source = keys.containsKey("source") ? source(keys.get("source")) : null;
			String constant = keys.containsKey("constant") ? nodes.text(keys.get("constant"), "constant") : null;
			if (keys.containsKey("source") == keys.containsKey("constant")) {
				add(item, shown + (keys.containsKey("source") ? " has both source and constant; keep one"
						: " has neither source nor constant; add source: <contact field> or constant: <value>"));
			}
			Map<String, String> values = values(keys.get("values"), keys.get("source"), source, shown);
			List<Transform> transforms = transforms(keys.get("transforms"), source, shown);
			if (keys.containsKey("constant") && (keys.containsKey("values") || keys.containsKey("transforms"))) {
				add(item, shown + ": values and transforms apply to a source, a constant is sent as written;"
						+ " remove them or use a source");
			}
			String defaultValue = keys.containsKey("default") ? nodes.text(keys.get("default"), "default") : null;
			if (target == null) {
				return null;
			}
			return new FieldMapping(target, source, constant, values, transforms, defaultValue, YamlNodes.line(item));
		}

		private String source(Node node) {
			String source = nodes.text(node, "source");
			if (source != null && !SourceFields.isKnown(source)) {
				add(node, "unknown source field '" + source + "'; use one of " + String.join(", ", SourceFields.NAMES)
						+ " or attributes.<key>");
				return null;
			}
			return source;
		}

		private Map<String, String> values(Node node, Node sourceNode, String source, String shown) {
			if (node == null) {
				return Map.of();
			}
			if (!(node instanceof MappingNode map)) {
				add(node, shown + ": values must map source values to CRM values, e.g. {new: NEW, active: OPEN}");
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
					add(tuple.getKeyNode(), "'" + from + "' is not a value of " + source + "; key values by "
							+ oneOf(codes));
				}
				else if (values.putIfAbsent(from, to) != null) {
					add(tuple.getKeyNode(), shown + ": values lists '" + from + "' twice; keep one");
				}
			}
			return Collections.unmodifiableMap(values);
		}

		private List<Transform> transforms(Node node, String source, String shown) {
			if (node == null) {
				return List.of();
			}
			if (!(node instanceof SequenceNode sequence)) {
				add(node, shown + ": transforms must be a list, e.g. [lower_case] or [{truncate: 255}]");
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
				add(item, "a transform is a name, e.g. lower_case, or a name with its argument, e.g. {truncate: 255}");
				return null;
			}
			if (name == null) {
				return null;
			}
			FieldTransform kind = FieldTransform.fromCode(name).orElse(null);
			if (kind == null) {
				add(item, "unknown transform '" + name + "'; use " + oneOf(FieldTransform.codes()));
				return null;
			}
			String argument = argumentNode == null ? null : nodes.text(argumentNode, name);
			if (argumentNode != null && argument == null) {
				return null;
			}
			Optional<String> problem = kind.problem(argument, source);
			problem.ifPresent(message -> add(item, message));
			return problem.isPresent() ? null : new Transform(kind, argument);
		}

		private String matchKey(Node node, List<FieldMapping> fields, boolean fieldsWritten) {
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
				add(node, "matchKey '" + matchKey + "' is not mapped; add a field with target: " + matchKey
						+ " or name one of the mapped fields");
			}
			else if (field.source() == null && field.constant() != null) {
				add(field.line(), "field '" + matchKey + "' is the match key, so a constant would make every"
						+ " contact the same CRM record; map it from a source");
			}
			else if (field.defaultValue() != null) {
				add(field.line(), "field '" + matchKey + "' is the match key, so a default would make every contact"
						+ " without it the same CRM record; remove the default and use scope to leave them out");
			}
			return matchKey;
		}

		private void requiredFields(CrmTarget target, String object, List<FieldMapping> fields, Node fieldsNode) {
			for (String required : CrmRules.requiredFields(target, object)) {
				FieldMapping field = fields.stream().filter(candidate -> candidate.target().equals(required))
					.findFirst().orElse(null);
				if (field == null) {
					add(fieldsNode, target.code() + " " + object + " requires " + required + "; add {target: "
							+ required + ", source: <contact field>, default: <value>} or {target: " + required
							+ ", constant: <value>}");
				}
				else if (field.constant() == null && field.defaultValue() == null) {
					add(field.line(), "required field '" + required + "' may be empty; give it a default, e.g."
							+ " default: \"Unknown\"");
				}
			}
		}

		private String name() {
			String fileName = Path.of(file).getFileName().toString();
			return fileName.endsWith(".yml") ? fileName.substring(0, fileName.length() - 4) : fileName;
		}

		private static String oneOf(List<String> choices) {
			return oneOf(String.join(", ", choices));
		}

		private static String oneOf(String choices) {
			return choices.contains(", ") ? "one of " + choices : choices;
		}

		private void add(Node node, String message) {
			nodes.add(node, message);
		}

		private void add(int line, String message) {
			nodes.add(line, message);
		}

		private MappingException failure() {
			return new MappingException(nodes.problems());
		}
	}
}
