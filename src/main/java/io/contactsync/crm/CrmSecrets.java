package io.contactsync.crm;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * A mapping's secrets, read from the environment variables it names (never from the file itself). Read
 * at each use, so a rotated secret is picked up without a restart.
 */
@Component
public class CrmSecrets {

	private final Environment environment;

	CrmSecrets(Environment environment) {
		this.environment = environment;
	}

	/** The value of the variable the mapping names for the role, or null when unset or blank. */
	public String get(CrmMapping mapping, String role) {
		String variable = mapping.credentials().get(role);
		String value = variable == null ? null : environment.getProperty(variable);
		return value == null || value.isBlank() ? null : value;
	}
}
