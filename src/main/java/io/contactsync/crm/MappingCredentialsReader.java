package io.contactsync.crm;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.contactsync.policy.YamlNodes;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/**
 * A mapping file's {@code credentials}: the names of the environment variables that hold the target's secrets.
 * Kept apart because it is the one section that must never echo what was written: a value may be a pasted
 * secret.
 */
final class MappingCredentialsReader {

	private static final Pattern ENVIRONMENT_VARIABLE = Pattern.compile("[A-Z][A-Z0-9_]*");

	private final YamlNodes nodes;

	MappingCredentialsReader(YamlNodes nodes) {
		this.nodes = nodes;
	}

	Map<String, String> credentials(Node node, CrmTarget target) {
		Map<String, String> credentials = new LinkedHashMap<>();
		if (node == null) {
			return credentials;
		}
		List<String> roles = target == null ? null : CrmRules.credentials(target);
		if (!(node instanceof MappingNode map)) {
			nodes.add(node, "credentials must map each secret to the environment variable that holds it, e.g. "
					+ (target == null ? "{accessToken: HUBSPOT_ACCESS_TOKEN}" : example(target, roles.get(0))));
			return credentials;
		}
		Map<String, Node> keys = nodes.keys(map, roles == null ? allRoles() : roles, "credentials.");
		keys.forEach((role, value) -> {
			String variable = nodes.text(value, "credentials." + role);
			if (variable != null && !ENVIRONMENT_VARIABLE.matcher(variable).matches()) {
				// Never quote the value: someone may have pasted the secret itself.
				nodes.add(value, "credentials." + role + " must name the environment variable that holds it"
						+ " (capital letters, digits and _, e.g. " + variableFor(target, role)
						+ "), never the secret itself; put the secret in that variable");
			}
			else if (variable != null) {
				credentials.put(role, variable);
			}
		});
		if (roles != null) {
			for (String role : roles) {
				if (!keys.containsKey(role)) {
					nodes.add(node, "credentials lacks " + role + "; add " + example(target, role));
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
}
