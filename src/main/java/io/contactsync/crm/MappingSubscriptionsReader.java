package io.contactsync.crm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.contactsync.policy.YamlNodes;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A HubSpot mapping's {@code subscriptions}: which subscription types a contact's consent is written to, and on
 * what legal basis. HubSpot keys those statuses by email address, so the mapping must match by email.
 */
final class MappingSubscriptionsReader {

	private static final List<String> KEYS = List.of("ids", "legalBasis", "legalBasisExplanation", "optIn");

	/** The legal bases HubSpot's communication-preferences API takes. */
	static final List<String> LEGAL_BASES = List.of("CONSENT_WITH_NOTICE", "LEGITIMATE_INTEREST_CLIENT",
			"LEGITIMATE_INTEREST_OTHER", "LEGITIMATE_INTEREST_PQL", "NON_GDPR", "PERFORMANCE_OF_CONTRACT",
			"PROCESS_AND_STORE");

	/** HubSpot's statuses/batch/write takes 100 inputs, and a contact's statuses go in one request. */
	static final int MAX_IDS = 100;

	private static final String EXAMPLE = "e.g. {ids: [12345678], legalBasis: CONSENT_WITH_NOTICE,"
			+ " legalBasisExplanation: \"Asked in the chat widget\"}";

	private final YamlNodes nodes;

	MappingSubscriptionsReader(YamlNodes nodes) {
		this.nodes = nodes;
	}

	CrmMapping.Subscriptions subscriptions(Map<String, Node> top, CrmTarget target) {
		Node node = top.get("subscriptions");
		if (node == null) {
			return null;
		}
		if (target != null && target != CrmTarget.HUBSPOT) {
			nodes.add(node, "subscriptions apply to HubSpot only; " + target.label() + " takes consent as a mapped"
					+ " field (source: marketing_consent), see mappings/README.md");
			return null;
		}
		if (top.get("matchKey") instanceof ScalarNode key && !"email".equals(key.getValue())) {
			nodes.add(node, "subscriptions need matchKey: email, since HubSpot keeps each status by email address");
		}
		Map<String, Node> keys = nodes.section(node, KEYS, "subscriptions");
		List<Long> ids = ids(keys.get("ids"), node);
		String legalBasis = text(keys, "legalBasis", node);
		if (legalBasis != null && !LEGAL_BASES.contains(legalBasis)) {
			nodes.add(keys.get("legalBasis"), "unknown subscriptions.legalBasis '" + legalBasis + "'; use "
					+ MappingFileReader.oneOf(LEGAL_BASES));
		}
		String explanation = text(keys, "legalBasisExplanation", node);
		return new CrmMapping.Subscriptions(ids, legalBasis, explanation,
				nodes.flag(keys.get("optIn"), "subscriptions.optIn", false), YamlNodes.line(node));
	}

	private String text(Map<String, Node> keys, String key, Node section) {
		Node value = keys.get(key);
		if (value == null) {
			if (section instanceof MappingNode) {
				nodes.add(section, "subscriptions." + key + " is missing; add it, " + EXAMPLE);
			}
			return null;
		}
		return nodes.text(value, "subscriptions." + key);
	}

	private List<Long> ids(Node node, Node section) {
		List<Long> ids = new ArrayList<>();
		if (!(node instanceof SequenceNode sequence) || sequence.getValue().isEmpty()) {
			nodes.add(node == null ? section : node, "subscriptions.ids must list the subscription types' ids (in"
					+ " HubSpot: Settings > Marketing > Email > Subscription types), " + EXAMPLE);
			return ids;
		}
		if (sequence.getValue().size() > MAX_IDS) {
			nodes.add(node, "subscriptions.ids lists " + sequence.getValue().size() + " types; at most " + MAX_IDS
					+ ", since HubSpot takes at most " + MAX_IDS + " statuses a request and a contact's go together");
			return ids;
		}
		for (Node item : sequence.getValue()) {
			String text = nodes.text(item, "subscriptions.ids");
			if (text == null) {
				continue;
			}
			try {
				long id = Long.parseLong(text);
				if (id > 0) {
					ids.add(id);
					continue;
				}
			}
			catch (NumberFormatException ex) {
				// reported below
			}
			nodes.add(item, "subscriptions.ids holds HubSpot's numeric ids of subscription types, not '" + text + "'");
		}
		return ids;
	}
}
