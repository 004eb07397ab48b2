package io.contactsync.capture.channel;

import static io.contactsync.capture.CaptureEventType.CONVERSATION_CLOSED;
import static io.contactsync.capture.CaptureEventType.CONVERSATION_STARTED;
import static io.contactsync.capture.CaptureEventType.EMAIL_COLLECTED;
import static io.contactsync.capture.CaptureEventType.MESSAGE;
import static io.contactsync.capture.CaptureEventType.PROFILE_SEEN;
import static io.contactsync.capture.channel.ExpectedEvent.expect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import io.contactsync.capture.Adaptation;
import io.contactsync.capture.CaptureEvent;
import io.contactsync.capture.CaptureFormatException;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class ChatwootAdapterTests {

	private static final Instant NOW = Instant.parse("2025-08-22T12:00:00Z");

	private final ChatwootAdapter adapter = new ChatwootAdapter(Clock.fixed(NOW, ZoneOffset.UTC));

	@Test
	void incomingWidgetMessageFromAnAnonymousVisitor() {
		Adaptation result = adapter.adapt(ChannelSamples.read("chatwoot/message_created__chatwoot_docs.json"), null);

		assertThat(result.events()).containsExactly(
				expect(PROFILE_SEEN).channel("frame").bot("1").visitor("contact:14").conversation("cw:1:10")
					.at("2021-07-23T18:02:48Z").name("little-haze-776").build(),
				expect(MESSAGE).channel("frame").bot("1").visitor("contact:14").conversation("cw:1:10")
					.at("2021-07-23T18:02:48Z").id("118").sender("visitor").kind("text").text("hi").build());
		assertThat(result.unknown()).isEmpty();
	}

	@Test
	void theContactsCustomAndAdditionalAttributesAndTheBrowserLanguageBecomeAttributes() {
		ObjectNode payload = ChannelSamples.read("chatwoot/message_created__chatwoot_docs.json");
		ObjectNode conversation = (ObjectNode) payload.get("conversation");
		((ObjectNode) conversation.get("additional_attributes")).put("browser_language", "de");
		ObjectNode sender = (ObjectNode) conversation.get("meta").get("sender");
		ObjectNode additional = sender.putObject("additional_attributes").put("city", "Berlin")
			.put("company_name", "Acme GmbH").put("description", " ");
		additional.putObject("social_profiles").put("twitter", "acme");
		sender.putObject("custom_attributes").put("plan", "pro").put("seats", 12).put("city", "Munich");

		Adaptation result = adapter.adapt(payload, null);

		assertThat(result.events()).first().isEqualTo(expect(PROFILE_SEEN).channel("frame").bot("1")
			.visitor("contact:14").conversation("cw:1:10").at("2021-07-23T18:02:48Z").name("little-haze-776")
			.attribute("city", "Munich").attribute("company_name", "Acme GmbH").attribute("plan", "pro")
			.attribute("seats", "12").attribute("locale", "de").build());
	}

	@Test
	void statusChangeCarriesTheProfileAndTheEmailTheVisitorSubmitted() {
		Adaptation result = adapter.adapt(ChannelSamples.read("chatwoot/conversation_status_changed__chatwoot_docs.json"),
				null);

		assertThat(result.events()).containsExactly(
				expect(PROFILE_SEEN).channel("frame").bot("1").visitor("contact:12").conversation("cw:1:10")
					.at("2021-07-23T18:02:49Z").name("jane").email("jane@acme.inc").build(),
				expect(CONVERSATION_STARTED).channel("frame").bot("1").visitor("contact:12").conversation("cw:1:10")
					.at("2021-07-23T18:02:49Z").build(),
				expect(EMAIL_COLLECTED).channel("frame").bot("1").visitor("contact:12").conversation("cw:1:10")
					.at("2021-07-23T18:02:58Z").id("120").email("jane@acme.inc").build());
	}

	@Test
	void resolvedConversationIsClosedAtTheTimeOfTheChange() {
		ObjectNode payload = ChannelSamples.read("chatwoot/conversation_status_changed__chatwoot_docs.json");
		payload.put("status", "resolved");
		payload.put("updated_at", 1627063520.123);

		assertThat(adapter.adapt(payload, null).events()).filteredOn(event -> event.type() == CONVERSATION_CLOSED)
			.containsExactly(expect(CONVERSATION_CLOSED).channel("frame").bot("1").visitor("contact:12")
				.conversation("cw:1:10").at("2021-07-23T18:05:20.123Z").build());
	}

	@Test
	void snoozedConversationIsCountedAsUnknown() {
		ObjectNode payload = ChannelSamples.read("chatwoot/conversation_status_changed__chatwoot_docs.json");
		payload.put("status", "snoozed");

		Adaptation result = adapter.adapt(payload, null);

		assertThat(result.events()).extracting(CaptureEvent::type).containsExactly(PROFILE_SEEN, EMAIL_COLLECTED);
		assertThat(result.unknown()).containsExactly("chatwoot: conversation status snoozed");
	}

	@Test
	void olderOpenedAndResolvedEventsStartAndCloseTheConversation() {
		ObjectNode opened = ChannelSamples.read("chatwoot/conversation_status_changed__chatwoot_docs.json");
		opened.put("event", "conversation_opened");
		opened.put("status", "pending");
		ObjectNode resolved = ChannelSamples.read("chatwoot/conversation_status_changed__chatwoot_docs.json");
		resolved.put("event", "conversation_resolved");
		resolved.put("timestamp", 1627063520);

		assertThat(adapter.adapt(opened, null).events()).extracting(CaptureEvent::type)
			.containsExactly(PROFILE_SEEN, CONVERSATION_STARTED, EMAIL_COLLECTED);
		assertThat(adapter.adapt(resolved, null).events()).filteredOn(event -> event.type() == CONVERSATION_CLOSED)
			.singleElement().extracting(CaptureEvent::at).isEqualTo(Instant.parse("2021-07-23T18:05:20Z"));
	}

	@Test
	void conversationCreatedStartsTheConversation() {
		ObjectNode payload = ChannelSamples.read("chatwoot/conversation_status_changed__chatwoot_docs.json");
		payload.put("event", "conversation_created");
		payload.put("created_at", 1627063308);

		assertThat(adapter.adapt(payload, null).events()).filteredOn(event -> event.type() == CONVERSATION_STARTED)
			.singleElement().extracting(CaptureEvent::at).isEqualTo(Instant.parse("2021-07-23T18:01:48Z"));
	}

	@Test
	void channelOtherThanTheWebWidgetIsLiveChatAndTheCallerMayOverrideIt() {
		ObjectNode api = ChannelSamples.read("chatwoot/message_created__chatwoot_docs.json");
		((ObjectNode) api.get("conversation")).put("channel", "Channel::Api");

		assertThat(adapter.adapt(api, null).events()).extracting(CaptureEvent::channel).containsOnly("livechat");
		assertThat(adapter.adapt(api, "frame").events()).extracting(CaptureEvent::channel).containsOnly("frame");
	}

	@Test
	void outgoingMessageIsFromTheAgentOrTheBot() {
		ObjectNode byAgent = ChannelSamples.read("chatwoot/message_created__chatwoot_docs.json");
		byAgent.put("message_type", "outgoing");
		byAgent.set("sender", ChannelSamples.json("{\"id\": 1, \"name\": \"John\", \"type\": \"user\"}"));
		ObjectNode byBot = ChannelSamples.read("chatwoot/message_created__chatwoot_docs.json");
		byBot.put("message_type", 1);
		byBot.set("sender", ChannelSamples.json("{\"id\": 3, \"name\": \"Acme Bot\", \"type\": \"agent_bot\"}"));

		assertThat(adapter.adapt(byAgent, null).events()).filteredOn(event -> event.type() == MESSAGE)
			.extracting(CaptureEvent::sender).containsExactly("agent");
		assertThat(adapter.adapt(byBot, null).events()).filteredOn(event -> event.type() == MESSAGE)
			.extracting(CaptureEvent::sender).containsExactly("bot");
	}

	@Test
	void answeredEmailPromptIsABotMessageAndTheVisitorsEmail() {
		ObjectNode prompt = ChannelSamples.read("chatwoot/message_created__chatwoot_docs.json");
		prompt.put("event", "message_updated");
		prompt.put("id", 120);
		prompt.put("message_type", "template");
		prompt.put("content_type", "input_email");
		prompt.put("content", "Get notified by email");
		prompt.put("created_at", "2021-07-23 18:02:49 UTC");
		prompt.set("content_attributes", ChannelSamples.json("{\"submitted_email\": \"jane@acme.inc\"}"));
		prompt.remove("sender");

		Adaptation result = adapter.adapt(prompt, null);

		assertThat(result.events()).filteredOn(event -> event.type() != PROFILE_SEEN).containsExactly(
				expect(MESSAGE).channel("frame").bot("1").visitor("contact:14").conversation("cw:1:10")
					.at("2021-07-23T18:02:49Z").id("120").sender("bot").kind("input_email").text("Get notified by email")
					.build(),
				expect(EMAIL_COLLECTED).channel("frame").bot("1").visitor("contact:14").conversation("cw:1:10")
					.at("2021-07-23T18:02:49Z").id("120").email("jane@acme.inc").build());
	}

	@Test
	void attachmentGivesTheKind() {
		ObjectNode payload = ChannelSamples.read("chatwoot/message_created__chatwoot_docs.json");
		payload.put("content", (String) null);
		payload.set("attachments", ChannelSamples.json("[{\"id\": 5, \"file_type\": \"image\"}]"));

		assertThat(adapter.adapt(payload, null).events()).filteredOn(event -> event.type() == MESSAGE)
			.extracting(CaptureEvent::kind, CaptureEvent::text).containsExactly(tuple("image", null));
	}

	@Test
	void activityMessagesAndPrivateNotesAreCountedAsUnknown() {
		ObjectNode activity = ChannelSamples.read("chatwoot/message_created__chatwoot_docs.json");
		activity.put("message_type", 2);
		ObjectNode note = ChannelSamples.read("chatwoot/message_created__chatwoot_docs.json");
		note.put("message_type", "outgoing");
		note.put("private", true);

		assertThat(adapter.adapt(activity, null).unknown()).containsExactly("chatwoot: activity message");
		assertThat(adapter.adapt(note, null).unknown()).containsExactly("chatwoot: private note");
		assertThat(adapter.adapt(note, null).events()).isEmpty();
	}

	@Test
	void contactUpdatedShowsTheContactsNameEmailAndPhone() {
		Adaptation result = adapter.adapt(ChannelSamples.json("""
				{"event": "contact_updated", "id": 12, "name": "Jane Doe", "email": "jane@acme.inc",
				 "phone_number": "+15550001234", "identifier": null, "avatar": "", "thumbnail": "",
				 "additional_attributes": {}, "custom_attributes": {}, "account": {"id": 1, "name": "Acme Inc"},
				 "changed_attributes": [{"name": {"previous_value": "jane", "current_value": "Jane Doe"}},
				                        {"updated_at": {"previous_value": "2021-07-23T18:02:59.053Z",
				                                        "current_value": "2021-07-24T09:00:00.000Z"}}]}"""), null);

		assertThat(result.events()).containsExactly(expect(PROFILE_SEEN).channel("livechat").visitor("contact:12")
			.at("2021-07-24T09:00:00Z").name("Jane Doe").email("jane@acme.inc").phone("+15550001234").build());
	}

	@Test
	void contactCreatedWithoutTimeIsSeenNowOnTheChannelTheCallerGives() {
		Adaptation result = adapter.adapt(ChannelSamples.json("""
				{"event": "contact_created", "id": 14, "name": "little-haze-776", "email": null, "phone_number": null,
				 "account": {"id": 1, "name": "Acme Inc"}}"""), "frame");

		assertThat(result.events()).containsExactly(expect(PROFILE_SEEN).channel("frame").visitor("contact:14")
			.at("2025-08-22T12:00:00Z").name("little-haze-776").build());
	}

	@Test
	void openedWidgetShowsTheVisitorOnTheWebsiteWidget() {
		Adaptation result = adapter.adapt(ChannelSamples.json("""
				{"id": 12, "contact": {"id": 14, "name": "little-haze-776", "avatar": "", "type": "contact"},
				 "inbox": {"id": 1, "name": "Acme Support"}, "account": {"id": 1, "name": "Acme Inc"},
				 "current_conversation": null, "source_id": "405f1d30-1af3-4fa0-8ffd-11ea3f86101e",
				 "event": "webwidget_triggered",
				 "event_info": {"widget_language": "en", "browser_language": "en",
				   "browser": {"browser_name": "Chrome", "browser_version": "92.0.4515.107", "device_name": "Unknown",
				               "platform_name": "macOS", "platform_version": "10.15.7"}}}"""), null);

		assertThat(result.events()).containsExactly(expect(PROFILE_SEEN).channel("frame").bot("1").visitor("contact:14")
			.at("2025-08-22T12:00:00Z").name("little-haze-776").build());
	}

	@Test
	void otherEventsAreCountedAsUnknown() {
		Adaptation result = adapter.adapt(ChannelSamples.json("""
				{"event": "conversation_typing_on", "user": {"id": 1, "name": "John", "type": "user"},
				 "conversation": {"id": 10}, "is_private": false}"""), null);

		assertThat(result.events()).isEmpty();
		assertThat(result.unknown()).containsExactly("chatwoot: conversation_typing_on");
	}

	@Test
	void messageWithoutContactIsAFormatErrorNamingTheField() {
		ObjectNode payload = ChannelSamples.read("chatwoot/message_created__chatwoot_docs.json");
		((ObjectNode) payload.get("conversation")).remove("contact_inbox");
		((ObjectNode) payload.get("conversation")).remove("meta");

		assertThatThrownBy(() -> adapter.adapt(payload, null)).isInstanceOf(CaptureFormatException.class)
			.hasMessage("chatwoot: conversation.contact_inbox.contact_id is missing");
	}

	@Test
	void messageWithoutOrWithAnUnreadableTimeIsAFormatError() {
		ObjectNode missing = ChannelSamples.read("chatwoot/message_created__chatwoot_docs.json");
		missing.remove("created_at");
		ObjectNode unreadable = ChannelSamples.read("chatwoot/message_created__chatwoot_docs.json");
		unreadable.put("created_at", "Fri Jul 23 2021");

		assertThatThrownBy(() -> adapter.adapt(missing, null)).hasMessage("chatwoot: created_at is missing");
		assertThatThrownBy(() -> adapter.adapt(unreadable, null)).hasMessage("chatwoot: created_at is not a time");
	}

	@Test
	void conversationEventWithoutIdIsAFormatError() {
		ObjectNode payload = ChannelSamples.read("chatwoot/conversation_status_changed__chatwoot_docs.json");
		payload.remove("id");

		assertThatThrownBy(() -> adapter.adapt(payload, null)).isInstanceOf(CaptureFormatException.class)
			.hasMessage("chatwoot: id is missing");
	}
}
