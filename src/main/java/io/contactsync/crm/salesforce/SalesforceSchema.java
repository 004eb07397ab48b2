package io.contactsync.crm.salesforce;

import java.util.ArrayList;
import java.util.List;

import com.sforce.soap.partner.DescribeSObjectResult;
import com.sforce.soap.partner.Field;
import com.sforce.soap.partner.PicklistEntry;
import io.contactsync.crm.CrmField;

/**
 * describeSObject's fields as the online check reads them: a create requires what is createable, not nillable and
 * not defaulted on create; a match key must be an External ID Salesforce can look records up by ({@code externalId}
 * and {@code idLookup}); a restricted picklist takes only its active values.
 */
final class SalesforceSchema {

	private SalesforceSchema() {
	}

	static List<CrmField> fields(DescribeSObjectResult described) {
		List<CrmField> fields = new ArrayList<>();
		for (Field field : described.getFields()) {
			List<String> options = new ArrayList<>();
			if (field.getPicklistValues() != null) {
				for (PicklistEntry entry : field.getPicklistValues()) {
					if (entry.isActive()) {
						options.add(entry.getValue());
					}
				}
			}
			// WSC names the enum constants for Java keywords with a leading underscore: _boolean, _int, _double.
			String type = field.getType() == null ? "string" : field.getType().name().replaceFirst("^_", "");
			boolean required = field.isCreateable() && !field.isNillable() && !field.isDefaultedOnCreate();
			fields.add(new CrmField(field.getName(), type, field.isCreateable(), field.isUpdateable(),
					field.isExternalId() && field.isIdLookup(), required, options, field.isRestrictedPicklist()));
		}
		return fields;
	}
}
