package io.contactsync.dedup;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.contactsync.store.CopyRows;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** dedup_feature rows to and from {@link ContactFeatures}. */
final class FeatureRows {

	static final String COLUMNS = "contact_id, created_at, last_activity_at, email, phones, identities, given, family, "
			+ "attributes, keys";

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	private final JsonMapper json;

	FeatureRows(JsonMapper json) {
		this.json = json;
	}

	void add(CopyRows rows, long runId, ContactFeatures features) {
		rows.add(runId).add(features.contactId()).add(features.createdAt()).add(features.lastActivityAt())
			.add(features.email()).add(arrayLiteral(features.phones())).add(arrayLiteral(features.identities()))
			.add(features.given()).add(features.family())
			.add(features.attributes().isEmpty() ? "{}" : json.writeValueAsString(features.attributes()))
			.add(arrayLiteral(features.keys()))
			.endRow();
	}

	/** A feature row whose columns carry {@code prefix} (e.g. {@code a_email}). */
	ContactFeatures read(ResultSet rs, String prefix) throws SQLException {
		return new ContactFeatures(rs.getLong(prefix + "contact_id"), instant(rs, prefix + "created_at"),
				instant(rs, prefix + "last_activity_at"), rs.getString(prefix + "email"), split(rs.getString(prefix + "phones")),
				split(rs.getString(prefix + "identities")), rs.getString(prefix + "given"), rs.getString(prefix + "family"),
				textMap(rs.getString(prefix + "attributes")), List.of());
	}

	/**
	 * The columns of dedup_feature {@code alias}, each named with {@code prefix}; lists come as text joined by
	 * the unit separator, which reads far faster than JDBC arrays.
	 */
	static String select(String alias, String prefix) {
		StringBuilder select = new StringBuilder();
		for (String column : COLUMNS.replace("keys", "").split(",\\s*")) {
			if (column.isBlank()) {
				continue;
			}
			String value = switch (column) {
				case "attributes" -> alias + ".attributes::text";
				case "phones", "identities" -> "array_to_string(" + alias + "." + column + ", chr(31))";
				default -> alias + "." + column;
			};
			select.append(select.isEmpty() ? "" : ", ").append(value).append(" as ").append(prefix).append(column);
		}
		return select.toString();
	}

	/** A JSON object's values as text; anything but an object or a blank is nothing. */
	Map<String, String> textMap(String object) {
		if (object == null || object.equals("{}")) {
			return Map.of();
		}
		Map<String, String> values = new LinkedHashMap<>();
		json.readValue(object, MAP).forEach((key, value) -> {
			if (value != null && !(value instanceof Map) && !(value instanceof List)) {
				values.put(key, value.toString());
			}
		});
		return values;
	}

	static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp timestamp = rs.getTimestamp(column);
		return timestamp == null ? null : timestamp.toInstant();
	}

	/** A list the query joined with the unit separator (chr(31)). */
	static List<String> split(String joined) {
		return joined == null || joined.isEmpty() ? List.of() : List.of(joined.split("\u001f"));
	}

	/** A PostgreSQL text[] literal, every element quoted, for COPY. */
	private static String arrayLiteral(List<String> values) {
		StringBuilder literal = new StringBuilder("{");
		for (String value : values) {
			literal.append(literal.length() > 1 ? "," : "").append('"');
			boolean plain = value.indexOf('\\') < 0 && value.indexOf('"') < 0;
			literal.append(plain ? value : value.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
		}
		return literal.append('}').toString();
	}
}
