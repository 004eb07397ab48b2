package io.contactsync.crm;

import java.util.List;

/**
 * One field of a CRM object as the CRM's own schema describes it (HubSpot's properties API, Salesforce's
 * describeSObject, Zoho's fields metadata), reduced to what a mapping must agree with.
 *
 * @param name             the name a request writes: HubSpot's property name, Salesforce's field name, Zoho's
 *                         {@code api_name}
 * @param type             the CRM's own word for the type ({@code enumeration}, {@code picklist}, {@code bool},
 *                         {@code datetime}, ...), quoted in messages
 * @param createable       whether a create may set it
 * @param updateable       whether an update may set it
 * @param unique           whether it can identify a record: HubSpot {@code hasUniqueValue} (and {@code email}),
 *                         Salesforce {@code externalId} and {@code idLookup}, Zoho {@code unique}
 * @param requiredOnCreate whether a create without it is refused (Salesforce: not nillable and not defaulted;
 *                         Zoho {@code system_mandatory})
 * @param options          the values a picklist takes (what a request writes, not the labels); empty for free text
 * @param restricted       whether a value outside {@code options} is refused
 */
public record CrmField(String name, String type, boolean createable, boolean updateable, boolean unique,
		boolean requiredOnCreate, List<String> options, boolean restricted) {

	public CrmField {
		options = List.copyOf(options);
	}

	boolean isReadOnly() {
		return !createable && !updateable;
	}

	boolean isBoolean() {
		return type.equals("bool") || type.equals("boolean");
	}

	boolean isTime() {
		return type.equals("date") || type.equals("datetime");
	}
}
