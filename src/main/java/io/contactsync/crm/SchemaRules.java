package io.contactsync.crm;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.contactsync.policy.FileProblem;

/**
 * A mapping held against its CRM's live schema, as Data Loader does before it loads ({@code describeSObject},
 * then every mapped field): each field exists, can be written, takes what the mapping gives it; the match key
 * identifies one record; and what a create requires is mapped. Each problem names the mapping's line, the
 * CRM's own code for the refusal it would give, and the fix.
 */
final class SchemaRules {

	private final CrmMapping mapping;

	private final Map<String, CrmField> fields = new LinkedHashMap<>();

	private final List<FileProblem> problems = new ArrayList<>();

	private SchemaRules(CrmMapping mapping, Collection<CrmField> schema) {
		this.mapping = mapping;
		schema.forEach(field -> fields.put(normalised(field.name()), field));
	}

	static List<FileProblem> check(CrmMapping mapping, Collection<CrmField> schema) {
		SchemaRules rules = new SchemaRules(mapping, schema);
		mapping.fields().forEach(rules::checkField);
		rules.checkMatchKey();
		rules.checkRequired();
		return List.copyOf(rules.problems);
	}

	private void checkField(CrmMapping.FieldMapping mapped) {
		CrmField field = fields.get(normalised(mapped.target()));
		if (field == null) {
			problem(mapped.line(), vendor() + " has no field " + mapped.target() + " on " + mapping.object() + " ("
					+ unknownFieldCode() + "); " + createHint(mapped.target()) + ", or remove this line");
			return;
		}
		if (field.isReadOnly()) {
			problem(mapped.line(), field.name() + " is read-only in " + vendor() + " (" + readOnlyCode()
					+ "); remove this line, or map the value to a field the integration user can write");
			return;
		}
		for (String value : written(mapped)) {
			if (field.restricted() && !field.options().contains(value)) {
				problem(mapped.line(), "'" + value + "' is not an option of " + field.name() + " ("
						+ badOptionCode() + "); its options are " + String.join(", ", field.options())
						+ ": use one of them, or add the option in " + vendor());
			}
		}
		if (field.restricted() && mapped.constant() == null && mapped.values().isEmpty()) {
			problem(mapped.line(), field.name() + " is a " + field.type() + " in " + vendor()
					+ " that takes only its options (" + String.join(", ", field.options())
					+ "); add a values map from " + mapped.source() + " to them");
		}
		if (field.isBoolean() && mapped.constant() == null && !isBooleanSource(mapped.source())) {
			problem(mapped.line(), field.name() + " is a " + field.type() + " in " + vendor() + " but "
					+ mapped.source() + " is not true/false; map a consent field or a constant true/false");
		}
		if (field.isTime() && mapped.constant() == null && !SourceFields.TIMES.contains(mapped.source())) {
			problem(mapped.line(), field.name() + " is a " + field.type() + " in " + vendor() + " but "
					+ mapped.source() + " is not a time; map created_at, last_activity_at or opted_out_at");
		}
	}

	private void checkMatchKey() {
		CrmField key = fields.get(normalised(mapping.matchKey()));
		if (key != null && !key.unique()) {
			problem(lineOf(mapping.matchKey()), mapping.matchKey() + " cannot identify a record in " + vendor() + ": "
					+ uniqueHint());
		}
	}

	private void checkRequired() {
		Set<String> mapped = new java.util.HashSet<>();
		mapping.fields().forEach(field -> mapped.add(normalised(field.target())));
		for (CrmField field : fields.values()) {
			if (field.requiredOnCreate() && field.createable() && !mapped.contains(normalised(field.name()))) {
				problem(1, vendor() + " requires " + field.name() + " to create a " + mapping.object()
						+ " (REQUIRED_FIELD_MISSING); map it, with a default for contacts that have no value");
			}
		}
	}

	/** The values a field can send that the mapping fixes in advance: its constant and its value map's values. */
	private static List<String> written(CrmMapping.FieldMapping mapped) {
		List<String> values = new ArrayList<>(mapped.values().values());
		if (mapped.constant() != null) {
			values.add(mapped.constant());
		}
		if (mapped.defaultValue() != null) {
			values.add(mapped.defaultValue());
		}
		return values;
	}

	private static boolean isBooleanSource(String source) {
		return source != null && SourceFields.FLAGS.contains(source);
	}

	private int lineOf(String target) {
		return mapping.fields().stream().filter(field -> field.target().equals(target))
			.mapToInt(CrmMapping.FieldMapping::line).findFirst().orElse(1);
	}

	private void problem(int line, String message) {
		problems.add(new FileProblem(mapping.file(), line, message));
	}

	/** Salesforce names fields case-insensitively; HubSpot and Zoho match them exactly. */
	private String normalised(String name) {
		return mapping.target() == CrmTarget.SALESFORCE ? name.toLowerCase(Locale.ROOT) : name;
	}

	private String vendor() {
		return mapping.target().label();
	}

	private String unknownFieldCode() {
		return switch (mapping.target()) {
			case HUBSPOT -> "PROPERTY_DOESNT_EXIST";
			case SALESFORCE -> "INVALID_FIELD";
			case ZOHO -> "INVALID_DATA";
		};
	}

	private String readOnlyCode() {
		return switch (mapping.target()) {
			case HUBSPOT -> "READ_ONLY_VALUE";
			case SALESFORCE -> "INVALID_FIELD_FOR_INSERT_UPDATE";
			case ZOHO -> "INVALID_DATA";
		};
	}

	private String badOptionCode() {
		return switch (mapping.target()) {
			case HUBSPOT -> "INVALID_OPTION";
			case SALESFORCE -> "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST";
			case ZOHO -> "INVALID_DATA";
		};
	}

	private String createHint(String name) {
		return switch (mapping.target()) {
			case HUBSPOT -> "create the property in HubSpot (Settings > Properties > Create property, internal name "
					+ name + ")";
			case SALESFORCE -> "create the field in Setup > Object Manager > " + mapping.object()
					+ " and give the integration user access to it";
			case ZOHO -> "create the field in Setup > Modules and Fields > " + mapping.object()
					+ " and use its API name";
		};
	}

	private String uniqueHint() {
		return switch (mapping.target()) {
			case HUBSPOT -> "use email or a property with unique values (hasUniqueValue)";
			case SALESFORCE -> "make it an External ID (externalId and idLookup) or use one that is";
			case ZOHO -> "mark it \"Do not allow duplicate values\" or use a unique field";
		};
	}
}
