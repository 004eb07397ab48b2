package io.contactsync.capture.channel;

import static io.contactsync.capture.CaptureEventType.IDENTITY_CHANGED;
import static io.contactsync.capture.CaptureEventType.MESSAGE;
import static io.contactsync.capture.CaptureEventType.PROFILE_SEEN;
import static io.contactsync.capture.channel.ExpectedEvent.expect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.contactsync.capture.Adaptation;
import io.contactsync.capture.CaptureEvent;
import io.contactsync.capture.CaptureFormatException;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class WhatsAppAdapterTests {

	private final WhatsAppAdapter adapter = new WhatsAppAdapter();

	@Test
	void officialTextMessage() {
		Adaptation result = adapter.adapt(ChannelSamples.read("whatsapp/text_official__meta_docs.json"), null);

		assertThat(result.events()).containsExactly(
				expect(PROFILE_SEEN).channel("whatsapp").bot("106540352242922").visitor("16505551234")
					.conversation("wa:106540352242922:16505551234").at("2025-06-08T20:59:43Z").name("Sheena Nelson")
					.phone("+16505551234").build(),
				expect(MESSAGE).channel("whatsapp").bot("106540352242922").visitor("16505551234")
					.conversation("wa:106540352242922:16505551234").at("2025-06-08T20:59:43Z")
					.id("wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=").sender("visitor").kind("text")
					.text("Does it come in another color?").build());
		assertThat(result.unknown()).isEmpty();
	}

	@Test
	void textWithBusinessScopedUserIdKeepsTheWaIdAsVisitor() {
		Adaptation result = adapter.adapt(ChannelSamples.read("whatsapp/text_with_bsuid__pywa.json"), null);

		assertThat(result.events()).containsExactly(
				expect(PROFILE_SEEN).channel("whatsapp").bot("1122334455667").visitor("972987654321")
					.conversation("wa:1122334455667:972987654321").at("2023-10-11T16:53:43Z").name("Test Name")
					.phone("+972987654321").build(),
				expect(MESSAGE).channel("whatsapp").bot("1122334455667").visitor("972987654321")
					.conversation("wa:1122334455667:972987654321").at("2023-10-11T16:53:43Z").id("wamid.xyzxyz")
					.sender("visitor").kind("text").text("Body Text").build());
	}

	@Test
	void stickerIsAMessageOfKindSticker() {
		Adaptation result = adapter.adapt(ChannelSamples.read("whatsapp/sticker__pywa.json"), null);

		assertThat(result.events()).element(1).isEqualTo(expect(MESSAGE).channel("whatsapp").bot("1122334455667")
			.visitor("972987654321").conversation("wa:1122334455667:972987654321").at("2023-10-11T17:02:40Z")
			.id("wamid.xyzxyz").sender("visitor").kind("sticker").build());
	}

	@Test
	void changedNumberIsAnIdentityChangeFromTheOldToTheNewWaId() {
		Adaptation result = adapter.adapt(messages("""
				[{"from": "16505551234", "id": "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUFERjg0NDEzNDdFODU3MUMxMAA=",
				  "timestamp": "1739321024", "type": "system",
				  "system": {"body": "User Sheena Nelson changed from 16505551234 to 12195555358",
				             "wa_id": "12195555358", "type": "user_changed_number"}}]""", null), null);

		assertThat(result.events()).containsExactly(expect(IDENTITY_CHANGED).channel("whatsapp").bot("106540352242922")
			.visitor("16505551234").at("2025-02-12T00:43:44Z")
			.id("wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUFERjg0NDEzNDdFODU3MUMxMAA=").newVisitor("12195555358")
			.phone("+12195555358").build());
		assertThat(result.events().get(0).toString()).doesNotContain("Sheena");
	}

	@Test
	void olderChangedNumberShapeNamesTheNewIdNewWaId() {
		Adaptation result = adapter.adapt(messages("""
				[{"from": "16505551234", "id": "wamid.1", "timestamp": "1739321024", "type": "system",
				  "system": {"body": "...", "new_wa_id": "12195555358", "type": "user_changed_number"}}]""", null), null);

		assertThat(result.events()).singleElement().extracting(CaptureEvent::newVisitor).isEqualTo("12195555358");
	}

	@Test
	void sharedContactCardsAreOtherPeopleNotTheVisitor() {
		Adaptation result = adapter.adapt(messages("""
				[{"from": "16505551234", "id": "wamid.2", "timestamp": "1749416383", "type": "contacts",
				  "contacts": [{"name": {"formatted_name": "Barbara Johnson", "first_name": "Barbara"},
				                "phones": [{"phone": "+1 (940) 555-1234", "wa_id": "19405551234", "type": "MOBILE"}]}]}]""",
				"""
				[{"profile": {"name": "Sheena Nelson"}, "wa_id": "16505551234"}]"""), null);

		assertThat(result.events()).containsExactly(
				expect(PROFILE_SEEN).channel("whatsapp").bot("106540352242922").visitor("16505551234")
					.conversation("wa:106540352242922:16505551234").at("2025-06-08T20:59:43Z").name("Sheena Nelson")
					.phone("+16505551234").build(),
				expect(MESSAGE).channel("whatsapp").bot("106540352242922").visitor("16505551234")
					.conversation("wa:106540352242922:16505551234").at("2025-06-08T20:59:43Z").id("wamid.2")
					.sender("visitor").kind("contacts").build());
		assertThat(result.events().toString()).doesNotContain("Barbara").doesNotContain("555-1234")
			.doesNotContain("19405551234");
	}

	@Test
	void deliveryReceiptsAreCountedAsUnknown() {
		JsonNode receipts = ChannelSamples.json("""
				{"object": "whatsapp_business_account", "entry": [{"id": "102290129340398", "changes": [{"field": "messages",
				 "value": {"messaging_product": "whatsapp",
				           "metadata": {"display_phone_number": "15550783881", "phone_number_id": "106540352242922"},
				           "statuses": [{"id": "wamid.3", "status": "delivered", "timestamp": "1749416400", "recipient_id": "16505551234"},
				                        {"id": "wamid.3", "status": "read", "timestamp": "1749416410", "recipient_id": "16505551234"}]}}]}]}""");

		Adaptation result = adapter.adapt(receipts, null);

		assertThat(result.events()).isEmpty();
		assertThat(result.unknown()).containsExactly("whatsapp: statuses", "whatsapp: statuses");
	}

	@Test
	void otherWebhookFieldsAreCountedAsUnknown() {
		Adaptation result = adapter.adapt(ChannelSamples.json("""
				{"object": "whatsapp_business_account", "entry": [{"id": "1", "changes": [
				  {"field": "message_template_status_update", "value": {"event": "APPROVED"}}]}]}"""), null);

		assertThat(result.unknown()).containsExactly("whatsapp: message_template_status_update");
	}

	@Test
	void usernameOnlyUserIsKeyedByTheirBusinessScopedIdWithoutAPhone() {
		Adaptation result = adapter.adapt(messages("""
				[{"from_user_id": "US.13491208655302741918", "id": "wamid.4", "timestamp": "1749416383", "type": "text",
				  "text": {"body": "hi"}}]""", """
				[{"profile": {"name": "Sheena Nelson", "username": "sheena"}, "user_id": "US.13491208655302741918"}]"""),
				null);

		assertThat(result.events()).first().isEqualTo(expect(PROFILE_SEEN).channel("whatsapp").bot("106540352242922")
			.visitor("US.13491208655302741918").conversation("wa:106540352242922:US.13491208655302741918")
			.at("2025-06-08T20:59:43Z").name("Sheena Nelson").username("sheena").build());
	}

	@Test
	void severalMessagesFromOneVisitorGiveOneProfile() {
		Adaptation result = adapter.adapt(messages("""
				[{"from": "16505551234", "id": "wamid.5", "timestamp": "1749416383", "type": "text", "text": {"body": "a"}},
				 {"from": "16505551234", "id": "wamid.6", "timestamp": "1749416384", "type": "image",
				  "image": {"id": "1", "mime_type": "image/jpeg", "caption": "b"}}]""",
				"[{\"profile\": {\"name\": \"Sheena Nelson\"}, \"wa_id\": \"16505551234\"}]"), null);

		assertThat(result.events()).extracting(CaptureEvent::type, CaptureEvent::kind, CaptureEvent::text)
			.containsExactly(tuple(PROFILE_SEEN, null, null), tuple(MESSAGE, "text", "a"), tuple(MESSAGE, "image", "b"));
	}

	@Test
	void missingSenderIsAFormatErrorNamingTheField() {
		ObjectNode payload = ChannelSamples.read("whatsapp/text_official__meta_docs.json");
		((ObjectNode) payload.at("/entry/0/changes/0/value/messages/0")).remove("from");

		assertThatThrownBy(() -> adapter.adapt(payload, null)).isInstanceOf(CaptureFormatException.class)
			.hasMessage("whatsapp: entry[0].changes[0].value.messages[0].from is missing");
	}

	@Test
	void missingTimestampOrBusinessNumberIsAFormatErrorNamingTheField() {
		ObjectNode noTime = ChannelSamples.read("whatsapp/text_official__meta_docs.json");
		((ObjectNode) noTime.at("/entry/0/changes/0/value/messages/0")).remove("timestamp");
		ObjectNode noNumber = ChannelSamples.read("whatsapp/text_official__meta_docs.json");
		((ObjectNode) noNumber.at("/entry/0/changes/0/value/metadata")).remove("phone_number_id");

		assertThatThrownBy(() -> adapter.adapt(noTime, null))
			.hasMessage("whatsapp: entry[0].changes[0].value.messages[0].timestamp is missing");
		assertThatThrownBy(() -> adapter.adapt(noNumber, null))
			.hasMessage("whatsapp: entry[0].changes[0].value.metadata.phone_number_id is missing");
	}

	@Test
	void changedNumberWithoutTheNewIdIsAFormatError() {
		assertThatThrownBy(() -> adapter.adapt(messages("""
				[{"from": "16505551234", "id": "wamid.1", "timestamp": "1739321024", "type": "system",
				  "system": {"body": "User Sheena Nelson changed number", "type": "user_changed_number"}}]""", null), null))
			.isInstanceOf(CaptureFormatException.class)
			.hasMessage("whatsapp: entry[0].changes[0].value.messages[0].system.wa_id is missing");
	}

	/** A webhook with the official sample's envelope around the given messages and contacts. */
	private static JsonNode messages(String messages, String contacts) {
		return ChannelSamples.json("""
				{"object": "whatsapp_business_account", "entry": [{"id": "102290129340398", "changes": [{"field": "messages",
				 "value": {"messaging_product": "whatsapp",
				           "metadata": {"display_phone_number": "15550783881", "phone_number_id": "106540352242922"},
				           %s "messages": %s}}]}]}""".formatted(contacts == null ? "" : "\"contacts\": " + contacts + ",",
				messages));
	}
}
