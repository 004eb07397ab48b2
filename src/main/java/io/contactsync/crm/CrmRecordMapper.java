package io.contactsync.crm;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import io.contactsync.crm.CrmMapping.FieldMapping;
import io.contactsync.crm.CrmMapping.Transform;
import io.contactsync.store.PhoneNumbers;
import org.springframework.stereotype.Component;

/**
 * Turns a contact into the record a mapping describes. The contact is a map of source fields by their names in
 * the contact table ({@code name}, {@code lead_status}, ..., {@code attributes} as a map), with values as the JDBC
 * driver returns them.
 * <p>
 * For each field: the constant, or else the source value, looked up in the values map, then passed through the
 * transforms in order; a field left empty takes its default, or is left out of the record.
 */
@Component
public class CrmRecordMapper {

	/**
	 * Where {@link #values} keeps the subscription status a contact's consent sets, beside the CRM fields: no CRM
	 * field can be named so.
	 */
	static final String SUBSCRIPTION_STATUS = "\0subscription";

	/** How multi-valued sources (tags) are joined: HubSpot and Salesforce multi-select values use ";". */
	private static final String LIST_SEPARATOR = ";";

	private final PhoneNumbers phoneNumbers;

	private final Map<String, DateTimeFormatter> formatters = new ConcurrentHashMap<>();

	public CrmRecordMapper(PhoneNumbers phoneNumbers) {
		this.phoneNumbers = phoneNumbers;
	}

	public CrmRecord map(CrmMapping mapping, Map<String, Object> contact) {
		return record(mapping, contactId(contact), values(mapping, contact));
	}

	/**
	 * Each mapped field's value before defaults, by CRM field in the mapping's order; null where the contact has
	 * none. What an update compares with what it pushed last, since a default is for creates only. With HubSpot
	 * subscriptions, the status the contact's consent sets goes under {@link #SUBSCRIPTION_STATUS}.
	 */
	Map<String, String> values(CrmMapping mapping, Map<String, Object> contact) {
		Map<String, String> values = new LinkedHashMap<>();
		for (FieldMapping field : mapping.fields()) {
			String value = field.constant() != null ? field.constant() : fromSource(field, contact);
			values.put(field.target(), isEmpty(value) ? null : value);
		}
		CrmMapping.Subscriptions subscriptions = mapping.options().subscriptions();
		if (subscriptions != null) {
			values.put(SUBSCRIPTION_STATUS, subscriptions.status(contact.get("marketing_consent")));
		}
		return values;
	}

	/** The record a create sends: the values with each empty field's default, the empty ones left out. */
	CrmRecord record(CrmMapping mapping, long contactId, Map<String, String> values) {
		Map<String, String> fields = new LinkedHashMap<>();
		for (FieldMapping field : mapping.fields()) {
			String value = values.get(field.target());
			if (value == null) {
				value = field.defaultValue();
			}
			if (!isEmpty(value)) {
				fields.put(field.target(), value);
			}
		}
		String status = values.get(SUBSCRIPTION_STATUS);
		return new CrmRecord(contactId, fields.get(mapping.matchKey()), Collections.unmodifiableMap(fields),
				hash(withPolicies(mapping, fields, status)), null, List.of(), status);
	}

	static long contactId(Map<String, Object> contact) {
		if (!(contact.get("id") instanceof Number id)) {
			throw new IllegalArgumentException("the contact has no numeric id");
		}
		return id.longValue();
	}

	/**
	 * The fields with each one's write policy beside them, so that a changed policy changes every hash and the
	 * next push writes what it affects; a field on the default policy adds nothing, so hashes stay as they were. A
	 * subscription status counts as a field: a changed consent is pushed.
	 */
	private static Map<String, String> withPolicies(CrmMapping mapping, Map<String, String> fields,
			String subscriptionStatus) {
		// Sorted here already, so that hash() does not copy it again.
		Map<String, String> hashed = new TreeMap<>(fields);
		for (FieldMapping field : mapping.fields()) {
			if (field.update() != CrmMapping.Update.ALWAYS || !field.clear()) {
				hashed.put("\0policy:" + field.target(), field.update().code() + "," + field.clear());
			}
		}
		if (subscriptionStatus != null) {
			hashed.put(SUBSCRIPTION_STATUS, subscriptionStatus);
		}
		return hashed;
	}

	private String fromSource(FieldMapping field, Map<String, Object> contact) {
		Object value = source(field.source(), contact);
		if (value == null) {
			return null;
		}
		if (value instanceof Timestamp timestamp) {
			value = timestamp.toInstant();
		}
		else if (value instanceof OffsetDateTime time) {
			value = time.toInstant();
		}
		if (!field.values().isEmpty()) {
			// A value the map does not list is not sent as it is: a CRM picklist would refuse it.
			value = values(field.values(), value);
		}
		List<Transform> transforms = field.transforms();
		int next = 0;
		String text;
		if (value instanceof Instant instant && !transforms.isEmpty()
				&& transforms.get(0).kind() == FieldTransform.DATE_TIME) {
			// Formatted from the instant itself: printing it only for the transform to parse it back was a fifth
			// of a push's mapping time.
			text = FieldTransform.formatTime(instant, formatter(transforms.get(0).argument()));
			next = 1;
		}
		else {
			text = value == null ? null : text(value);
		}
		for (Transform transform : transforms.subList(next, transforms.size())) {
			if (text == null) {
				return null;
			}
			text = transform.kind().apply(text, transform.argument(), phoneNumbers);
		}
		return text;
	}

	/** The date_time pattern's formatter, made once per pattern; null for ISO-8601. */
	private DateTimeFormatter formatter(String pattern) {
		return pattern == null ? null : formatters.computeIfAbsent(pattern, FieldTransform::formatter);
	}

	private static Object source(String source, Map<String, Object> contact) {
		if (source.startsWith(SourceFields.ATTRIBUTES_PREFIX)) {
			return contact.get("attributes") instanceof Map<?, ?> attributes
					? attributes.get(source.substring(SourceFields.ATTRIBUTES_PREFIX.length())) : null;
		}
		return contact.get(source);
	}

	private static Object values(Map<String, String> values, Object value) {
		List<String> items = items(value);
		if (items == null) {
			return values.get(text(value));
		}
		String mapped = items.stream().map(values::get).filter(item -> item != null)
			.collect(Collectors.joining(LIST_SEPARATOR));
		return mapped.isEmpty() ? null : mapped;
	}

	private static List<String> items(Object value) {
		if (value instanceof Object[] array) {
			return Arrays.stream(array).map(String::valueOf).toList();
		}
		if (value instanceof Collection<?> collection) {
			return collection.stream().map(String::valueOf).toList();
		}
		return null;
	}

	private static String text(Object value) {
		List<String> items = items(value);
		return items != null ? String.join(LIST_SEPARATOR, items) : String.valueOf(value);
	}

	private static boolean isEmpty(String value) {
		return value == null || value.isBlank();
	}

	/**
	 * SHA-256 of the fields sorted by name, each name and value prefixed with its length, so that no two different
	 * field sets write the same bytes (a value holding a separator cannot pass for two fields).
	 */
	static String hash(Map<String, String> fields) {
		StringBuilder canonical = new StringBuilder(256);
		Map<String, String> byName = fields instanceof TreeMap<String, String> sorted && sorted.comparator() == null
				? sorted : new TreeMap<>(fields);
		byName.forEach((name, value) -> canonical.append(name.length()).append(':').append(name)
			.append(value.length()).append(':').append(value));
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			return HexFormat.of().formatHex(digest.digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every Java runtime has SHA-256", ex);
		}
	}
}
