package io.contactsync.demo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.contactsync.store.CopyRows;
import io.contactsync.store.EmailSyntax;
import io.contactsync.store.PhoneNumbers;
import tools.jackson.databind.json.JsonMapper;

/**
 * Copies labelled sample records into the store as contacts with one identity and one conversation each; the
 * label goes into the custom attribute {@code _person}, which no rule reads.
 */
class SampleWriter {

	static final String PERSON = "_person";

	private final PhoneNumbers phoneNumbers;

	private final JsonMapper json;

	SampleWriter(PhoneNumbers phoneNumbers, JsonMapper json) {
		this.phoneNumbers = phoneNumbers;
		this.json = json;
	}

	void write(Connection connection, List<SampleRecord> records) throws Exception {
		long[] ids = nextIds(connection, records.size());
		CopyRows contacts = new CopyRows();
		CopyRows identities = new CopyRows();
		CopyRows conversations = new CopyRows();
		for (int i = 0; i < records.size(); i++) {
			SampleRecord record = records.get(i);
			Map<String, String> attributes = new LinkedHashMap<>(record.attributes());
			attributes.put(PERSON, record.person());
			String email = record.email();
			if (email != null && !EmailSyntax.isValid(email.strip())) {
				// As capture keeps an address it cannot read.
				attributes.put("email_as_given", email.strip());
				email = null;
			}
			contacts.add(ids[i]).add(record.name()).add(email).add(record.phone())
				.add(phoneNumbers.toE164(record.phone()).orElse(null)).add(record.channel()).add(record.createdAt())
				.add(record.createdAt()).add(json.writeValueAsString(attributes)).endRow();
			identities.add(ids[i]).add(record.channel()).add(record.externalId()).add(record.createdAt()).endRow();
			conversations.add(ids[i]).add(record.channel()).add("conv-" + record.externalId()).add(record.createdAt())
				.add("closed").endRow();
		}
		contacts.copyInto(connection, "contact (id, name, email, phone, phone_e164, channel, created_at, "
				+ "last_activity_at, attributes)");
		identities.copyInto(connection, "contact_identity (contact_id, channel, external_id, created_at)");
		conversations.copyInto(connection, "conversation (contact_id, channel, external_id, started_at, status)");
	}

	private static long[] nextIds(Connection connection, int count) throws SQLException {
		long[] ids = new long[count];
		try (PreparedStatement statement = connection.prepareStatement(
				"select nextval(pg_get_serial_sequence('contact', 'id')) from generate_series(1, ?)")) {
			statement.setInt(1, count);
			try (ResultSet result = statement.executeQuery()) {
				for (int i = 0; result.next(); i++) {
					ids[i] = result.getLong(1);
				}
			}
		}
		return ids;
	}
}
