package io.contactsync.crm;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The fields of the object a CRM stub serves: what its schema call describes and what its writes accept, so that
 * a mapping naming a field the portal lacks fails in the stub as it would in the CRM. A test changes it (drops a
 * property, makes a field read-only, renames an option) and {@link #reset() resets} it to the object a fresh
 * account has.
 */
final class StubSchema {

	/**
	 * @param type     the vendor's own type word (HubSpot {@code enumeration}, Salesforce {@code picklist}, Zoho
	 *                 {@code picklist}, ...)
	 * @param options  the values a picklist takes; empty for free text
	 * @param required refused when missing on create
	 */
	record Field(String name, String type, boolean writable, boolean unique, boolean required, List<String> options) {

		Field {
			options = List.copyOf(options);
		}

		static Field text(String name) {
			return new Field(name, "string", true, false, false, List.of());
		}

		static Field picklist(String name, String type, String... options) {
			return new Field(name, type, true, false, false, List.of(options));
		}

		Field readOnly() {
			return new Field(name, type, false, unique, required, options);
		}

		Field asUnique() {
			return new Field(name, type, writable, true, required, options);
		}

		Field asRequired() {
			return new Field(name, type, writable, unique, true, options);
		}

		Field typed(String type) {
			return new Field(name, type, writable, unique, required, options);
		}

		boolean restricted() {
			return !options.isEmpty();
		}
	}

	private final List<Field> fresh;

	private final boolean ignoreCase;

	private final Map<String, Field> fields = new LinkedHashMap<>();

	/** @param ignoreCase whether the CRM names fields case-insensitively (Salesforce) */
	StubSchema(List<Field> fresh, boolean ignoreCase) {
		this.fresh = List.copyOf(fresh);
		this.ignoreCase = ignoreCase;
		reset();
	}

	synchronized void reset() {
		fields.clear();
		fresh.forEach(this::put);
	}

	/** As a portal where nobody created this field (or an admin deleted it). */
	synchronized void remove(String name) {
		fields.remove(keyOf(name));
	}

	/** Adds the field, or replaces the one of its name. */
	synchronized void put(Field field) {
		fields.put(keyOf(field.name()), field);
	}

	synchronized Field find(String name) {
		return fields.get(keyOf(name));
	}

	synchronized Collection<Field> fields() {
		return new ArrayList<>(fields.values());
	}

	private String keyOf(String name) {
		return ignoreCase ? name.toLowerCase(Locale.ROOT) : name;
	}
}
