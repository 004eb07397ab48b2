package io.contactsync.crm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.contactsync.crm.CrmMapping.FieldMapping;

/**
 * What an update of a record already in the CRM writes, field by field, as the mapping's policies say: a field
 * on {@code never} is left to sales; one on {@code if-empty} goes only while no value of ours is in the CRM; a
 * default is for creates only, so an empty field with a default is left as the CRM has it; and a value that was
 * pushed and is now gone from the store is cleared, unless the field says {@code clear: false}.
 */
final class WritePolicies {

	private WritePolicies() {
	}

	/** A create writes every mapped field; what it leaves in the CRM is what it sent. */
	static PushItem create(CrmMapping mapping, CrmRecord record) {
		return new PushItem(mapping, record);
	}

	/**
	 * @param mapped     the record as a create would send it (its hash is the one kept)
	 * @param values     each field's value before defaults, null where the store has none
	 * @param lastPushed the fields of ours the CRM holds since the last successful push; empty when unknown
	 */
	static PushItem update(CrmMapping mapping, CrmRecord mapped, Map<String, String> values, String crmId,
			Map<String, String> lastPushed) {
		Map<String, String> fields = new LinkedHashMap<>();
		List<String> cleared = new ArrayList<>();
		Map<String, String> after = new LinkedHashMap<>(lastPushed);
		for (FieldMapping field : mapping.fields()) {
			String name = field.target();
			String value = values.get(name);
			boolean ours = lastPushed.get(name) != null;
			if (field.update() == CrmMapping.Update.NEVER
					|| (field.update() == CrmMapping.Update.IF_EMPTY && ours)) {
				continue;
			}
			if (value != null) {
				fields.put(name, value);
				after.put(name, value);
			}
			else if (ours && field.clear() && field.defaultValue() == null && !name.equals(mapping.matchKey())) {
				cleared.add(name);
				after.remove(name);
			}
		}
		CrmRecord update = new CrmRecord(mapped.contactId(), mapped.key(), fields, mapped.hash(), crmId, cleared,
				mapped.subscriptionStatus());
		return new PushItem(mapping, update, lastPushed, after, mapped);
	}
}
