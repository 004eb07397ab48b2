package io.contactsync.crm;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.contactsync.crm.CrmMapping.Activities;
import io.contactsync.policy.YamlNodes;
import org.yaml.snakeyaml.nodes.Node;

/**
 * A mapping file's {@code activities}: which conversations go to the contact's CRM record, as what, and under
 * which heading. Without the section a mapping pushes contact fields only.
 */
final class MappingActivitiesReader {

	private static final List<String> KEYS = List.of("conversations", "minMessages", "channels", "as", "title",
			"batchSize");

	private static final List<String> CONVERSATIONS = List.of("closed", "all");

	/** What a heading may name. */
	static final List<String> PLACEHOLDERS = List.of("bot", "channel", "started");

	static final String DEFAULT_TITLE = "Chat with {bot} on {channel}, {started}";

	private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]*)}");

	private final YamlNodes nodes;

	private final MappingScopeReader scopeReader;

	MappingActivitiesReader(YamlNodes nodes, MappingScopeReader scopeReader) {
		this.nodes = nodes;
		this.scopeReader = scopeReader;
	}

	Activities activities(Node node, CrmTarget target) {
		if (node == null) {
			return null;
		}
		Map<String, Node> keys = nodes.section(node, KEYS, "activities");
		String conversations = choice(keys.get("conversations"), "activities.conversations", CONVERSATIONS, "closed");
		Integer min = nodes.integer(keys.get("minMessages"), "activities.minMessages", 1, 100_000);
		List<String> kinds = target == null ? List.of(Activities.NOTE) : CrmRules.activityKinds(target);
		String as = choice(keys.get("as"), "activities.as", kinds, kinds.get(0));
		int limit = target == null ? 100 : CrmRules.activityBatchLimit(target);
		Integer batchSize = nodes.integer(keys.get("batchSize"), "activities.batchSize", 1, limit);
		return new Activities(!"all".equals(conversations), min == null ? 1 : min,
				scopeReader.channels(keys.get("channels"), "activities.channels"), as, title(keys.get("title")),
				batchSize == null ? limit : batchSize, YamlNodes.line(node));
	}

	private String choice(Node node, String what, List<String> choices, String absent) {
		if (node == null) {
			return absent;
		}
		String text = nodes.text(node, what);
		if (text != null && !choices.contains(text)) {
			nodes.add(node, "unknown " + what + " '" + text + "'; use " + MappingFileReader.oneOf(choices));
			return absent;
		}
		return text == null ? absent : text;
	}

	private String title(Node node) {
		if (node == null) {
			return DEFAULT_TITLE;
		}
		String title = nodes.text(node, "activities.title");
		if (title == null || title.isBlank()) {
			nodes.add(node, "activities.title must be a heading, e.g. \"" + DEFAULT_TITLE + "\"");
			return DEFAULT_TITLE;
		}
		Matcher placeholder = PLACEHOLDER.matcher(title);
		while (placeholder.find()) {
			if (!PLACEHOLDERS.contains(placeholder.group(1))) {
				nodes.add(node, "unknown placeholder {" + placeholder.group(1) + "} in activities.title; use "
						+ MappingFileReader.oneOf(PLACEHOLDERS.stream().map(name -> "{" + name + "}").toList()));
			}
		}
		return title;
	}
}
