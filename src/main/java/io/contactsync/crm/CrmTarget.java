package io.contactsync.crm;

import java.util.Arrays;
import java.util.Optional;

/** The CRMs contacts are pushed to, by the names mapping files use. */
public enum CrmTarget {

	HUBSPOT, SALESFORCE, ZOHO;

	public String code() {
		return name().toLowerCase();
	}

	public static Optional<CrmTarget> fromCode(String code) {
		return Arrays.stream(values()).filter(target -> target.code().equals(code)).findFirst();
	}
}
