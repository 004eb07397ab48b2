package io.contactsync.demo;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import io.contactsync.demo.GeneratedContact.GeneratedConversation;
import io.contactsync.demo.GeneratedContact.GeneratedMessage;
import io.contactsync.store.CopyRows;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * Writes a chunk of generated contacts with COPY, in the chunk's transaction. Contacts whose channel
 * identity is already in the store are left out, so running the same generation twice adds nothing; they
 * count as filtered, not written, so that the step's figures say what really reached the store.
 */
class GeneratedContactWriter implements ItemWriter<GeneratedContact>, StepExecutionListener {

	private static final Logger log = LoggerFactory.getLogger(GeneratedContactWriter.class);

	private final DataSource dataSource;

	private StepExecution stepExecution;

	GeneratedContactWriter(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		this.stepExecution = stepExecution;
	}

	@Override
	public void write(Chunk<? extends GeneratedContact> chunk) throws Exception {
		Connection connection = DataSourceUtils.getConnection(dataSource);
		try {
			List<GeneratedContact> contacts = withoutStored(connection, chunk.getItems());
			int alreadyStored = chunk.size() - contacts.size();
			if (alreadyStored > 0) {
				// The step adds the whole chunk to the write count after this returns.
				stepExecution.setWriteCount(stepExecution.getWriteCount() - alreadyStored);
				stepExecution.setFilterCount(stepExecution.getFilterCount() + alreadyStored);
				log.info("{} of {} generated contacts are already in the store; left out", alreadyStored, chunk.size());
			}
			write(connection, contacts);
		}
		finally {
			DataSourceUtils.releaseConnection(connection, dataSource);
		}
	}

	private static void write(Connection connection, List<GeneratedContact> contacts) throws Exception {
		long[] contactIds = nextIds(connection, "contact", contacts.size());
		int conversationCount = contacts.stream().mapToInt(contact -> contact.conversations().size()).sum();
		long[] conversationIds = nextIds(connection, "conversation", conversationCount);
		CopyRows contactRows = new CopyRows();
		CopyRows identityRows = new CopyRows();
		CopyRows conversationRows = new CopyRows();
		CopyRows messageRows = new CopyRows();
		int conversationIndex = 0;
		for (int i = 0; i < contacts.size(); i++) {
			GeneratedContact contact = contacts.get(i);
			contactRows.add(contactIds[i]).add(contact.name()).add(contact.email()).add(contact.phone())
				.add(contact.phoneE164()).add(contact.channel()).add(contact.createdAt()).add(contact.lastActivityAt())
				.add(contact.leadStatus()).add(contact.leadTemperature()).endRow();
			identityRows.add(contactIds[i]).add(contact.channel()).add(contact.externalId()).add(contact.createdAt())
				.endRow();
			for (GeneratedConversation conversation : contact.conversations()) {
				long conversationId = conversationIds[conversationIndex++];
				addConversation(conversationRows, conversationId, contactIds[i], contact.channel(), conversation);
				for (GeneratedMessage message : conversation.messages()) {
					messageRows.add(conversationId).add(message.sender()).add("text").add(message.text())
						.add(message.sentAt()).add(message.externalId()).endRow();
				}
			}
		}
		contactRows.copyInto(connection, "contact (id, name, email, phone, phone_e164, channel, created_at, "
				+ "last_activity_at, lead_status, lead_temperature)");
		identityRows.copyInto(connection, "contact_identity (contact_id, channel, external_id, created_at)");
		conversationRows.copyInto(connection, "conversation (id, contact_id, channel, bot, external_id, started_at, "
				+ "last_message_at, closed_at, status, message_count, visitor_message_count, first_response_seconds)");
		messageRows.copyInto(connection, "message (conversation_id, sender, kind, text, sent_at, external_id)");
	}

	private static void addConversation(CopyRows rows, long id, long contactId, String channel,
			GeneratedConversation conversation) {
		long visitorMessages = conversation.messages().stream().filter(m -> m.sender().equals("visitor")).count();
		rows.add(id).add(contactId).add(channel).add(conversation.bot()).add(conversation.externalId())
			.add(conversation.startedAt()).add(conversation.lastMessageAt()).add(conversation.closedAt())
			.add(conversation.closedAt() == null ? "open" : "closed").add(conversation.messages().size())
			.add(visitorMessages).add(conversation.firstResponseSeconds()).endRow();
	}

	private static List<GeneratedContact> withoutStored(Connection connection, List<? extends GeneratedContact> items)
			throws SQLException {
		String[] channels = items.stream().map(GeneratedContact::channel).toArray(String[]::new);
		String[] externalIds = items.stream().map(GeneratedContact::externalId).toArray(String[]::new);
		Set<String> stored = new HashSet<>();
		try (PreparedStatement statement = connection.prepareStatement("""
				select i.channel || ':' || i.external_id from contact_identity i
				join unnest(?, ?) as wanted(channel, external_id)
				  on i.channel = wanted.channel and i.external_id = wanted.external_id""")) {
			Array channelArray = connection.createArrayOf("text", channels);
			Array idArray = connection.createArrayOf("text", externalIds);
			statement.setArray(1, channelArray);
			statement.setArray(2, idArray);
			try (ResultSet result = statement.executeQuery()) {
				while (result.next()) {
					stored.add(result.getString(1));
				}
			}
		}
		List<GeneratedContact> fresh = new ArrayList<>(items.size());
		for (GeneratedContact item : items) {
			if (!stored.contains(item.channel() + ":" + item.externalId())) {
				fresh.add(item);
			}
		}
		return fresh;
	}

	/** Takes {@code count} ids from the table's identity sequence, so rows can reference each other in COPY. */
	private static long[] nextIds(Connection connection, String table, int count) throws SQLException {
		long[] ids = new long[count];
		if (count == 0) {
			return ids;
		}
		try (PreparedStatement statement = connection.prepareStatement(
				"select nextval(pg_get_serial_sequence(?, 'id')) from generate_series(1, ?)")) {
			statement.setString(1, table);
			statement.setInt(2, count);
			try (ResultSet result = statement.executeQuery()) {
				for (int i = 0; result.next(); i++) {
					ids[i] = result.getLong(1);
				}
			}
		}
		return ids;
	}
}
