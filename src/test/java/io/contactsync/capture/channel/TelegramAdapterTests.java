package io.contactsync.capture.channel;

import static io.contactsync.capture.CaptureEventType.MESSAGE;
import static io.contactsync.capture.CaptureEventType.PROFILE_SEEN;
import static io.contactsync.capture.channel.ExpectedEvent.expect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contactsync.capture.Adaptation;
import io.contactsync.capture.CaptureEvent;
import io.contactsync.capture.CaptureFormatException;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class TelegramAdapterTests {

	private final TelegramAdapter adapter = new TelegramAdapter();

	@Test
	void officialTextMessage() {
		Adaptation result = adapter.adapt(ChannelSamples.read("telegram/update_text_official__core_telegram_org.json"), null);

		assertThat(result.events()).containsExactly(
				expect(PROFILE_SEEN).channel("telegram").visitor("1111111").conversation("1111111")
					.at("2015-09-07T17:05:32Z").name("Test Firstname Test Lastname").username("Testusername").build(),
				expect(MESSAGE).channel("telegram").visitor("1111111").conversation("1111111").at("2015-09-07T17:05:32Z")
					.id("1365").sender("visitor").kind("text").text("/start").build());
		assertThat(result.unknown()).isEmpty();
	}

	@Test
	void officialDocumentMessageIsAMessageOfKindDocument() {
		Adaptation result = adapter.adapt(ChannelSamples.read("telegram/update_document_official__core_telegram_org.json"),
				null);

		assertThat(result.events()).element(1).isEqualTo(expect(MESSAGE).channel("telegram").visitor("1111111")
			.conversation("1111111").at("2015-09-07T17:05:32Z").id("1365").sender("visitor").kind("document").build());
	}

	@Test
	void senderWithoutLastNameIsNamedByFirstName() {
		Adaptation result = adapter.adapt(ChannelSamples.read("telegram/update_text_no_last_name__teloxide.json"), null);

		assertThat(result.events()).containsExactly(
				expect(PROFILE_SEEN).channel("telegram").visitor("218485655").conversation("218485655")
					.at("2019-09-26T17:19:02Z").name("Waffle").username("WaffleLapkin").attribute("locale", "en").build(),
				expect(MESSAGE).channel("telegram").visitor("218485655").conversation("218485655")
					.at("2019-09-26T17:19:02Z").id("6557").sender("visitor").kind("text").text("hello there").build());
	}

	@Test
	void cyrillicNameAndEmojiTextArriveUnchanged() {
		Adaptation result = adapter.adapt(ChannelSamples.read("telegram/update_text_cyrillic_name__teloxide.json"), null);

		assertThat(result.events()).containsExactly(
				expect(PROFILE_SEEN).channel("telegram").visitor("250918540").conversation("250918540")
					.at("2019-09-12T12:04:50Z").name("Андрей Власов").username("aka_dude").attribute("locale", "en").build(),
				expect(MESSAGE).channel("telegram").visitor("250918540").conversation("250918540")
					.at("2019-09-12T12:04:50Z").id("199785").sender("visitor").kind("text").text("Лол кек 😂").build());
	}

	@Test
	void someoneElsesContactCardGivesTheVisitorNoPhone() {
		Adaptation result = adapter.adapt(ChannelSamples.read("telegram/update_contact_shared__aiogram.json"), null);

		assertThat(result.events()).containsExactly(
				expect(PROFILE_SEEN).channel("telegram").visitor("12345678").conversation("12345678")
					.at("2018-04-04T13:58:18Z").name("FirstName LastName").username("username").attribute("locale", "ru")
					.build(),
				expect(MESSAGE).channel("telegram").visitor("12345678").conversation("12345678").at("2018-04-04T13:58:18Z")
					.id("56006").sender("visitor").kind("contact").build());
		assertThat(result.events()).allSatisfy(event -> {
			assertThat(event.phone()).isNull();
			assertThat(event.toString()).doesNotContain("88005553535").doesNotContain("Smith");
		});
	}

	@Test
	void ownContactSharedGivesTheVisitorThePhone() {
		ObjectNode update = ChannelSamples.read("telegram/update_contact_shared__aiogram.json");
		((ObjectNode) update.get("message").get("contact")).put("user_id", 12345678);

		Adaptation result = adapter.adapt(update, null);

		assertThat(result.events()).containsExactly(
				expect(PROFILE_SEEN).channel("telegram").visitor("12345678").conversation("12345678")
					.at("2018-04-04T13:58:18Z").name("FirstName LastName").username("username").phone("88005553535")
					.attribute("locale", "ru").build(),
				expect(MESSAGE).channel("telegram").visitor("12345678").conversation("12345678").at("2018-04-04T13:58:18Z")
					.id("56006").sender("visitor").kind("contact").build());
	}

	@Test
	void editedMessageIsTheSameMessageWithItsNewText() {
		ObjectNode edit = (ObjectNode) ChannelSamples.json("""
				{"update_id": 10001,
				 "edited_message": {"message_id": 1365, "date": 1441645532, "edit_date": 1441645600,
				   "from": {"id": 1111111, "is_bot": false, "first_name": "Test Firstname"},
				   "chat": {"id": 1111111, "type": "private", "first_name": "Test Firstname"},
				   "text": "/start now"}}""");

		Adaptation result = adapter.adapt(edit, null);

		assertThat(result.events()).element(1).isEqualTo(expect(MESSAGE).channel("telegram").visitor("1111111")
			.conversation("1111111").at("2015-09-07T17:05:32Z").id("1365").sender("visitor").kind("text")
			.text("/start now").build());
	}

	@Test
	void photoWithCaptionKeepsTheCaptionAsText() {
		Adaptation result = adapter.adapt(ChannelSamples.json("""
				{"update_id": 10002,
				 "message": {"message_id": 7, "date": 1441645532,
				   "from": {"id": 1111111, "first_name": "Test"}, "chat": {"id": 1111111, "type": "private"},
				   "photo": [{"file_id": "a", "file_unique_id": "b", "width": 90, "height": 90}],
				   "caption": "my order"}}"""), null);

		assertThat(result.events()).element(1).extracting(CaptureEvent::kind, CaptureEvent::text)
			.containsExactly("photo", "my order");
	}

	@Test
	void callbackQueryIsCountedAsUnknown() {
		Adaptation result = adapter.adapt(ChannelSamples.json("""
				{"update_id": 10003,
				 "callback_query": {"id": "4382bfdwdsb323b2d9", "from": {"id": 1111111, "is_bot": false, "first_name": "Test"},
				   "chat_instance": "-8256475921645786354", "data": "Data from button callback"}}"""), null);

		assertThat(result.events()).isEmpty();
		assertThat(result.unknown()).containsExactly("telegram: callback_query");
	}

	@Test
	void groupMessagesAndServiceMessagesAreSkipped() {
		Adaptation group = adapter.adapt(ChannelSamples.json("""
				{"update_id": 10004,
				 "message": {"message_id": 8, "date": 1441645532, "from": {"id": 1111111, "first_name": "Test"},
				   "chat": {"id": -100123, "type": "supergroup", "title": "Team"}, "text": "hi all"}}"""), null);
		Adaptation service = adapter.adapt(ChannelSamples.json("""
				{"update_id": 10005,
				 "message": {"message_id": 9, "date": 1441645532, "from": {"id": 1111111, "first_name": "Test"},
				   "chat": {"id": 1111111, "type": "private"}, "pinned_message": {"message_id": 8}}}"""), null);

		assertThat(group.events()).isEmpty();
		assertThat(group.unknown()).containsExactly("telegram: message in chat of type supergroup");
		assertThat(service.events()).isEmpty();
		assertThat(service.unknown()).containsExactly("telegram: service message");
	}

	@Test
	void missingSenderIdIsAFormatErrorNamingTheField() {
		ObjectNode update = ChannelSamples.read("telegram/update_text_official__core_telegram_org.json");
		((ObjectNode) update.get("message").get("from")).remove("id");

		assertThatThrownBy(() -> adapter.adapt(update, null)).isInstanceOf(CaptureFormatException.class)
			.hasMessage("telegram: message.from.id is missing");
	}

	@Test
	void missingOrMalformedDateIsAFormatErrorThatDoesNotQuoteIt() {
		ObjectNode missing = ChannelSamples.read("telegram/update_text_official__core_telegram_org.json");
		((ObjectNode) missing.get("message")).remove("date");
		ObjectNode malformed = ChannelSamples.read("telegram/update_text_official__core_telegram_org.json");
		((ObjectNode) malformed.get("message")).put("date", "yesterday at Test Firstname's");

		assertThatThrownBy(() -> adapter.adapt(missing, null)).isInstanceOf(CaptureFormatException.class)
			.hasMessage("telegram: message.date is missing");
		assertThatThrownBy(() -> adapter.adapt(malformed, null)).isInstanceOf(CaptureFormatException.class)
			.hasMessage("telegram: message.date is not a unix time");
	}

	@Test
	void recognisesUpdatesByTheirUpdateId() {
		assertThat(adapter.recognises(ChannelSamples.read("telegram/update_contact_shared__aiogram.json"))).isTrue();
		assertThat(adapter.recognises(ChannelSamples.json("{\"update_id\":\"x\"}"))).isFalse();
		assertThat(adapter.recognises(ChannelSamples.read("whatsapp/text_official__meta_docs.json"))).isFalse();
	}
}
