package io.contactsync.crm;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.contactsync.crm.CrmMapping.Scope;
import io.contactsync.policy.YamlNodes;
import io.contactsync.store.Channel;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A mapping file's {@code scope}: which contacts are pushed at all. Its defaults keep archived and opted-out
 * contacts out, so a mapping that says nothing sends no one who asked not to be sent.
 */
final class MappingScopeReader {

	private static final List<String> SCOPE_KEYS = List.of("requireEmail", "excludeArchived", "excludeOptedOut",
			"channels");

	private final YamlNodes nodes;

	MappingScopeReader(YamlNodes nodes) {
		this.nodes = nodes;
	}

	Scope scope(Node node) {
		if (node == null) {
			return new Scope(false, true, true, Set.of());
		}
		if (!(node instanceof MappingNode map)) {
			nodes.add(node, "scope must be a map, e.g. {requireEmail: true, excludeArchived: true,"
					+ " excludeOptedOut: true, channels: []}");
			return new Scope(false, true, true, Set.of());
		}
		Map<String, Node> keys = nodes.keys(map, SCOPE_KEYS, "scope.");
		Set<String> channels = channels(keys.get("channels"), "scope.channels");
		return new Scope(nodes.flag(keys.get("requireEmail"), "scope.requireEmail", false),
				nodes.flag(keys.get("excludeArchived"), "scope.excludeArchived", true),
				nodes.flag(keys.get("excludeOptedOut"), "scope.excludeOptedOut", true), Set.copyOf(channels));
	}

	/** A list of channel codes ({@code what} names it in messages); empty, meaning every channel, when absent. */
	Set<String> channels(Node channelsNode, String what) {
		Set<String> channels = new LinkedHashSet<>();
		if (channelsNode instanceof SequenceNode sequence) {
			for (Node item : sequence.getValue()) {
				String code = nodes.text(item, what);
				if (code != null && Channel.fromCode(code).filter(channel -> channel.code().equals(code)).isEmpty()) {
					nodes.add(item, "unknown channel '" + code + "' in " + what + "; use "
							+ MappingFileReader.oneOf(Channel.codes()));
				}
				else if (code != null) {
					channels.add(code);
				}
			}
		}
		else if (channelsNode != null) {
			nodes.add(channelsNode, what + " must be a list of channel codes, e.g. [telegram, whatsapp];"
					+ " [] means every channel");
		}
		return channels;
	}
}
