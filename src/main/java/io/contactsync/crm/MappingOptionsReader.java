package io.contactsync.crm;

import java.util.List;
import java.util.Map;

import io.contactsync.policy.YamlNodes;
import org.yaml.snakeyaml.nodes.Node;

/**
 * A mapping file's {@code apiVersion}, {@code onMissing}, {@code convertedLeads}, {@code onLeaveScope},
 * {@code subscriptions} and {@code delete}: which version of the vendor's API it speaks, and what a push does when a
 * record it created is gone from the CRM or was converted there, when its contact leaves the scope or its consent
 * changes, or when it leaves the store other than by erasure.
 */
final class MappingOptionsReader {

	static final String RECREATE = "recreate";

	static final String SKIP = "skip";

	/** The versions each connector speaks, and the default: HubSpot's date versions are the ones it documents now. */
	static final Map<CrmTarget, List<String>> API_VERSIONS = Map.of(
			CrmTarget.HUBSPOT, List.of("v3", "2026-03", "2026-09"),
			CrmTarget.SALESFORCE, List.of("65.0", "64.0", "63.0", "62.0"),
			CrmTarget.ZOHO, List.of("v8"));

	private final YamlNodes nodes;

	MappingOptionsReader(YamlNodes nodes) {
		this.nodes = nodes;
	}

	CrmMapping.Options options(Map<String, Node> top, CrmTarget target) {
		return new CrmMapping.Options(apiVersion(top.get("apiVersion"), target),
				choice(top.get("onMissing"), "onMissing", List.of(RECREATE, SKIP),
						"recreate (create the record again) or skip (report it and leave it)"),
				convertedLeads(top.get("convertedLeads"), target),
				choice(top.get("onLeaveScope"), "onLeaveScope", List.of(CrmMapping.Options.UPDATE,
						CrmMapping.Options.KEEP, CrmMapping.Options.DELETE), "update (the record still follows the contact,"
						+ " opt-out included), keep (left as last pushed) or delete (removed as delete: says)"),
				new MappingSubscriptionsReader(nodes).subscriptions(top, target));
	}

	private String apiVersion(Node node, CrmTarget target) {
		if (target == null) {
			return null;
		}
		List<String> versions = API_VERSIONS.get(target);
		if (node == null) {
			return versions.get(0);
		}
		String version = nodes.text(node, "apiVersion");
		if (version != null && !versions.contains(version)) {
			nodes.add(node, "apiVersion '" + version + "' is not one " + target.label() + "'s connector speaks; use "
					+ MappingFileReader.oneOf(versions));
		}
		return version;
	}

	private String convertedLeads(Node node, CrmTarget target) {
		if (node != null && target != null && target != CrmTarget.SALESFORCE) {
			nodes.add(node, "convertedLeads applies to Salesforce Leads only; remove it");
		}
		return choice(node, "convertedLeads", List.of(SKIP), "skip (the Lead sales converted is left to them)");
	}

	/**
	 * What a removal other than an erasure does, from {@code delete:}, or from {@code deletion:} as files
	 * before the two were told apart wrote it (its gdpr-delete is refused: an erasure is permanent anyway).
	 */
	String deleteMode(Node delete, Node former) {
		if (delete != null && former != null) {
			nodes.add(former, "deletion: is the former name of delete:; keep only delete:");
			return null;
		}
		Node node = delete != null ? delete : former;
		if (node == null) {
			return CrmRules.DEFAULT_DELETE;
		}
		String key = delete != null ? "delete" : "deletion";
		String mode = nodes.text(node, key);
		if ("gdpr-delete".equals(mode)) {
			nodes.add(node, key + ": gdpr-delete is no longer a choice: an erased contact is always deleted for good (in"
					+ " HubSpot by GDPR delete); write delete: archive (or keep) for what other removals do");
		}
		else if (mode != null && !CrmRules.DELETE_MODES.contains(mode)) {
			nodes.add(node, "unknown " + key + " '" + mode + "'; use "
					+ MappingFileReader.oneOf(CrmRules.DELETE_MODES));
		}
		return mode == null ? CrmRules.DEFAULT_DELETE : mode;
	}

	/** The value written, or the first choice (the default) when none is. */
	private String choice(Node node, String key, List<String> choices, String help) {
		if (node == null) {
			return choices.get(0);
		}
		String text = nodes.text(node, key);
		if (text != null && !choices.contains(text)) {
			nodes.add(node, "unknown " + key + " '" + text + "'; use " + help);
		}
		return text;
	}
}
