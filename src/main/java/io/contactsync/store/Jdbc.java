package io.contactsync.store;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Conversions between the store's column types and Java that the JDBC driver does not do on its own. */
public final class Jdbc {

	private Jdbc() {
	}

	/** pgjdbc binds {@link OffsetDateTime} to timestamptz but has no mapping for {@link Instant}. */
	public static OffsetDateTime timestamp(Instant instant) {
		return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
	}

	public static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp timestamp = rs.getTimestamp(column);
		return timestamp == null ? null : timestamp.toInstant();
	}

	static Integer integer(ResultSet rs, String column) throws SQLException {
		int value = rs.getInt(column);
		return rs.wasNull() ? null : value;
	}

	/**
	 * A jsonb object of plain values read as text by key, in key order: a number or true/false that an older
	 * import or a merge kept as such reads as its text.
	 */
	public static Map<String, String> textMap(ResultSet rs, String column) throws SQLException {
		String text = rs.getString(column);
		Map<String, String> values = new TreeMap<>();
		if (text == null) {
			return values;
		}
		JsonNode object = JsonMapper.shared().readTree(text);
		for (Map.Entry<String, JsonNode> entry : object.properties()) {
			JsonNode value = entry.getValue();
			values.put(entry.getKey(), value.isString() ? value.stringValue() : value.toString());
		}
		return values;
	}

	/** A map as JSON text, for a {@code cast(:x as jsonb)} parameter. */
	public static String json(Map<String, String> values) {
		return JsonMapper.shared().writeValueAsString(values);
	}

	public static List<String> strings(ResultSet rs, String column) throws SQLException {
		Array array = rs.getArray(column);
		return array == null ? List.of() : List.of((String[]) array.getArray());
	}
}
