package io.contactsync.support;

import java.time.Instant;
import java.time.ZoneOffset;

import io.contactsync.store.PhoneNumbers;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Puts known rows into the store and empties it between tests. */
@TestComponent
public class StoreFixture {

	private final JdbcClient jdbc;

	private final PhoneNumbers phoneNumbers;

	StoreFixture(JdbcClient jdbc, PhoneNumbers phoneNumbers) {
		this.jdbc = jdbc;
		this.phoneNumbers = phoneNumbers;
	}

	/** Empties every store table; the job repository is left alone. */
	public void clear() {
		jdbc.sql("""
				truncate contact, contact_identity, conversation, message, capture_inbox, duplicate_candidate,
				         merge_record, crm_link, crm_activity_link, audit_event restart identity cascade""").update();
	}

	public NewContact contact() {
		return new NewContact();
	}

	public void identity(long contactId, String channel, String externalId) {
		jdbc.sql("insert into contact_identity (contact_id, channel, external_id) values (:c, :ch, :e)")
			.param("c", contactId)
			.param("ch", channel)
			.param("e", externalId)
			.update();
	}

	/** A conversation whose messages alternate visitor, bot, visitor... one minute apart. */
	public long conversation(long contactId, String status, Instant startedAt, String... texts) {
		Instant last = startedAt.plusSeconds(60L * Math.max(0, texts.length - 1));
		long id = jdbc.sql("""
				insert into conversation (contact_id, channel, bot, external_id, started_at, last_message_at, closed_at,
				                          status, message_count)
				select :contactId, channel, 'Sales assistant', gen_random_uuid()::text, :startedAt, :last,
				       case when :status = 'closed' then :closedAt end, :status, :count
				from contact where id = :contactId
				returning id""")
			.param("contactId", contactId)
			.param("startedAt", startedAt.atOffset(ZoneOffset.UTC))
			.param("last", last.atOffset(ZoneOffset.UTC))
			.param("closedAt", last.plusSeconds(120).atOffset(ZoneOffset.UTC))
			.param("status", status)
			.param("count", texts.length)
			.query(Long.class)
			.single();
		for (int i = 0; i < texts.length; i++) {
			jdbc.sql("""
					insert into message (conversation_id, sender, text, sent_at, external_id)
					values (:id, :sender, :text, :sentAt, :externalId)""")
				.param("id", id)
				.param("sender", i % 2 == 0 ? "visitor" : "bot")
				.param("text", texts[i])
				.param("sentAt", startedAt.plusSeconds(60L * i).atOffset(ZoneOffset.UTC))
				.param("externalId", "m" + i)
				.update();
		}
		return id;
	}

	/** One more message in a conversation, as capture-import adds it: the conversation's count goes up. */
	public void message(long conversationId, String sender, String text, Instant sentAt) {
		jdbc.sql("""
				insert into message (conversation_id, sender, text, sent_at, external_id)
				values (:id, :sender, :text, :sentAt, gen_random_uuid()::text)""")
			.param("id", conversationId)
			.param("sender", sender)
			.param("text", text)
			.param("sentAt", sentAt.atOffset(ZoneOffset.UTC))
			.update();
		jdbc.sql("""
				update conversation set message_count = message_count + 1,
				       last_message_at = greatest(last_message_at, :sentAt) where id = :id""")
			.param("id", conversationId)
			.param("sentAt", sentAt.atOffset(ZoneOffset.UTC))
			.update();
	}

	public long count(String table) {
		return jdbc.sql("select count(*) from " + table).query(Long.class).single();
	}

	public JdbcClient jdbc() {
		return jdbc;
	}

	/** A contact with sensible defaults; set what the test is about, then {@link #insert()}. */
	public final class NewContact {

		private String name = "Jane Doe";

		private String email;

		private String phone;

		private String channel = "frame";

		private Instant createdAt = TestClock.NOW.minusSeconds(3600);

		private Instant lastActivityAt;

		private String status = "new";

		private String temperature;

		public NewContact name(String name) {
			this.name = name;
			return this;
		}

		public NewContact email(String email) {
			this.email = email;
			return this;
		}

		public NewContact phone(String phone) {
			this.phone = phone;
			return this;
		}

		public NewContact channel(String channel) {
			this.channel = channel;
			return this;
		}

		public NewContact createdAt(Instant createdAt) {
			this.createdAt = createdAt;
			return this;
		}

		public NewContact createdAt(String createdAt) {
			return createdAt(Instant.parse(createdAt));
		}

		public NewContact lastActivityAt(Instant lastActivityAt) {
			this.lastActivityAt = lastActivityAt;
			return this;
		}

		public NewContact status(String status) {
			this.status = status;
			return this;
		}

		public NewContact temperature(String temperature) {
			this.temperature = temperature;
			return this;
		}

		public long insert() {
			return jdbc.sql("""
					insert into contact (name, email, phone, phone_e164, channel, created_at, last_activity_at,
					                     lead_status, lead_temperature)
					values (:name, :email, :phone, :e164, :channel, :createdAt, :lastActivityAt, :status, :temperature)
					returning id""")
				.param("name", name)
				.param("email", email)
				.param("phone", phone)
				.param("e164", phoneNumbers.toE164(phone).orElse(null))
				.param("channel", channel)
				.param("createdAt", createdAt.atOffset(ZoneOffset.UTC))
				.param("lastActivityAt", lastActivityAt == null ? null : lastActivityAt.atOffset(ZoneOffset.UTC))
				.param("status", status)
				.param("temperature", temperature)
				.query(Long.class)
				.single();
		}
	}
}
