package io.contactsync.crm;

import java.util.Arrays;
import java.util.Optional;

/** The CRMs contacts are pushed to, by the names mapping files use. */
public enum CrmTarget {

	HUBSPOT("HubSpot"), SALESFORCE("Salesforce"), ZOHO("Zoho");

	private final String label;

	CrmTarget(String label) {
		this.label = label;
	}

	/** The vendor's name as people write it, for messages. */
	public String label() {
		return label;
	}

	public String code() {
		return name().toLowerCase();
	}

	public static Optional<CrmTarget> fromCode(String code) {
		return Arrays.stream(values()).filter(target -> target.code().equals(code)).findFirst();
	}
}
