package io.contactsync.crm;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.contactsync.policy.FileProblem;
import io.contactsync.policy.YamlNodes;
import io.contactsync.crm.CrmMapping.FieldMapping;
import io.contactsync.crm.CrmMapping.RateLimit;
import io.contactsync.crm.CrmMapping.Scope;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads one mapping file into a {@link CrmMapping}, checking everything that can be checked without a CRM, and
 * fails with every problem of the file at once.
 * <p>
 * The file is only composed into YAML nodes, never constructed into objects: no tag can make SnakeYAML create a
 * class, so a mapping file cannot run code. The nodes also keep the line each value was written on.
 * <p>
 * The top-level keys are checked here; {@code scope}, {@code credentials}, {@code fields} and {@code activities}
 * each have a reader of their own, all adding to the one file's list of problems.
 */
class MappingFileReader {

	private static final List<String> KEYS = List.of("target", "object", "matchKey", "scope", "batchSize",
			"rateLimit", "credentials", "delete", "deletion", "fields", "apiVersion", "onMissing", "convertedLeads",
			"onLeaveScope", "subscriptions", "activities");

	private static final Map<String, String> REQUIRED_KEYS = requiredKeys();

	private static final List<String> RATE_LIMIT_KEYS = List.of("requests", "perSeconds", "perDay");

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
		keys.put("fields", "fields: the list of CRM fields");
		return Collections.unmodifiableMap(keys);
	}

	/** The choices as a message ends them: "one of a, b, c", or the only one. */
	static String oneOf(List<String> choices) {
		return oneOf(String.join(", ", choices));
	}

	static String oneOf(String choices) {
		return choices.contains(", ") ? "one of " + choices : choices;
	}

	/** One file being read: collects its problems rather than stopping at the first. */
	private static final class Reading {

		private final String file;

		private final YamlNodes nodes;

		private final MappingScopeReader scopeReader;

		private final MappingCredentialsReader credentialsReader;

		private final MappingFieldsReader fieldsReader;

		private final MappingOptionsReader optionsReader;

		private final MappingActivitiesReader activitiesReader;

		Reading(String file) {
			this.file = file;
			this.nodes = new YamlNodes(file, "mappings/README.md");
			this.scopeReader = new MappingScopeReader(nodes);
			this.credentialsReader = new MappingCredentialsReader(nodes);
			this.fieldsReader = new MappingFieldsReader(nodes);
			this.optionsReader = new MappingOptionsReader(nodes);
			this.activitiesReader = new MappingActivitiesReader(nodes, scopeReader);
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
			Scope scope = scopeReader.scope(top.get("scope"));
			int batchSize = batchSize(top.get("batchSize"), target);
			RateLimit rateLimit = rateLimit(top.get("rateLimit"));
			Map<String, String> credentials = credentialsReader.credentials(top.get("credentials"), target);
			String deleteMode = optionsReader.deleteMode(top.get("delete"), top.get("deletion"));
			CrmMapping.Options options = optionsReader.options(top, target);
			CrmMapping.Activities activities = activitiesReader.activities(top.get("activities"), target);
			List<FieldMapping> fields = fieldsReader.fields(top.get("fields"));
			String matchKey = fieldsReader.matchKey(top.get("matchKey"), fields, top.containsKey("fields"));
			if (target != null && object != null && top.get("fields") != null) {
				fieldsReader.requiredFields(target, object, fields, top.get("fields"));
			}
			if (!nodes.problems().isEmpty()) {
				throw failure();
			}
			return new CrmMapping(name(), file, target, object, matchKey, scope, List.copyOf(fields), batchSize,
					rateLimit, Collections.unmodifiableMap(credentials), deleteMode, options, activities);
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
			Integer perDay = keys.containsKey("perDay")
					? positive(keys.get("perDay"), map, "rateLimit.perDay", "e.g. perDay: 250000") : null;
			return requests == null || seconds == null ? null
					: new RateLimit(requests, Duration.ofSeconds(seconds), perDay);
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

		private String name() {
			String fileName = Path.of(file).getFileName().toString();
			return fileName.endsWith(".yml") ? fileName.substring(0, fileName.length() - 4) : fileName;
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
