package io.contactsync.capture.channel;

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

class MessengerAdapterTests {

	private static final Instant NOW = Instant.parse("2025-08-22T12:00:00Z");

	private final MessengerAdapter adapter = new MessengerAdapter(Clock.fixed(NOW, ZoneOffset.UTC));

	@Test
	void textMessageFromTheUser() {
		Adaptation result = adapter.adapt(ChannelSamples.read("messenger/text__bottender.json"), null);

		assertThat(result.events()).containsExactly(expect(MESSAGE).channel("messenger").bot("1895382890692545")
			.visitor("1412611362105802").conversation("fb:1895382890692545:1412611362105802")
			.at("2017-02-07T10:45:22.190Z").id("mid.1486464322190:cb04e5a654").sender("visitor").kind("text")
			.text("text").build());
		assertThat(result.unknown()).isEmpty();
	}

	@Test
	void imageAttachmentIsAMessageOfKindImage() {
		Adaptation result = adapter.adapt(ChannelSamples.read("messenger/image_attachment__bottender_wrapped.json"), null);

		assertThat(result.events()).containsExactly(expect(MESSAGE).channel("messenger").bot("404217156637689")
			.visitor("1423587017700273").conversation("fb:404217156637689:1423587017700273")
			.at("2017-04-10T04:13:24.411Z").id("mid.$cAAE1UUyiiwthh1ZAO1bVhDxGk2N0").sender("visitor").kind("image")
			.build());
	}

	@Test
	void userProfileNamesTheVisitorAtTheTimeTheCallerFetchedIt() {
		ObjectNode profile = ChannelSamples.read("messenger/user_profile_response__CONSTRUCTED.json");
		profile.put("fetched_at", "2025-08-21T09:30:00Z");

		assertThat(adapter.adapt(profile, "messenger").events()).containsExactly(expect(PROFILE_SEEN)
			.channel("messenger").visitor("1412611362105802").at("2025-08-21T09:30:00Z").name("firstName lastName").build());
	}

	@Test
	void userProfileLocaleBecomesTheLocaleAttribute() {
		ObjectNode profile = ChannelSamples.read("messenger/user_profile_response__CONSTRUCTED.json");
		profile.put("locale", "en_GB");

		assertThat(adapter.adapt(profile, "messenger").events()).singleElement()
			.satisfies(event -> assertThat(event.attributes()).containsExactly(java.util.Map.entry("locale", "en_GB")));
	}

	@Test
	void userProfileWithoutTimeIsSeenNow() {
		Adaptation result = adapter.adapt(ChannelSamples.read("messenger/user_profile_response__CONSTRUCTED.json"),
				"messenger");

		assertThat(result.events()).containsExactly(expect(PROFILE_SEEN).channel("messenger").visitor("1412611362105802")
			.at("2025-08-22T12:00:00Z").name("firstName lastName").build());
	}

	@Test
	void userProfileIsAcceptedOnlyWhenTheChannelIsNamed() {
		ObjectNode profile = ChannelSamples.read("messenger/user_profile_response__CONSTRUCTED.json");

		assertThat(adapter.recognises(profile)).isFalse();
		assertThat(adapter.accepts(profile)).isTrue();
		assertThat(adapter.accepts(ChannelSamples.json("{\"id\": \"1\"}"))).isFalse();
	}

	@Test
	void echoIsWhatThePageSentToTheVisitor() {
		Adaptation result = adapter.adapt(ChannelSamples.json("""
				{"object": "page", "entry": [{"id": "1895382890692545", "time": 1486464322257, "messaging": [
				  {"sender": {"id": "1895382890692545"}, "recipient": {"id": "1412611362105802"}, "timestamp": 1486464323000,
				   "message": {"is_echo": true, "app_id": 1517776481860111, "mid": "mid.1486464323000:aa", "text": "How can I help?"}},
				  {"sender": {"id": "1895382890692545"}, "recipient": {"id": "1412611362105802"}, "timestamp": 1486464324000,
				   "message": {"is_echo": true, "app_id": 263902037430900, "mid": "mid.1486464324000:bb", "text": "This is Ann"}}]}]}"""),
				null);

		assertThat(result.events()).containsExactly(
				expect(MESSAGE).channel("messenger").bot("1895382890692545").visitor("1412611362105802")
					.conversation("fb:1895382890692545:1412611362105802").at("2017-02-07T10:45:23Z")
					.id("mid.1486464323000:aa").sender("bot").kind("text").text("How can I help?").build(),
				expect(MESSAGE).channel("messenger").bot("1895382890692545").visitor("1412611362105802")
					.conversation("fb:1895382890692545:1412611362105802").at("2017-02-07T10:45:24Z")
					.id("mid.1486464324000:bb").sender("agent").kind("text").text("This is Ann").build());
	}

	@Test
	void readsEveryEntryAndEveryMessagingItemAndCountsTheRest() {
		Adaptation result = adapter.adapt(ChannelSamples.json("""
				{"object": "page", "entry": [
				  {"id": "111", "time": 1486464322257, "messaging": [
				    {"sender": {"id": "901"}, "recipient": {"id": "111"}, "timestamp": 1486464322190,
				     "message": {"mid": "m1", "text": "one"}},
				    {"sender": {"id": "901"}, "recipient": {"id": "111"}, "delivery": {"mids": ["m0"], "watermark": 1486464322000}},
				    {"sender": {"id": "902"}, "recipient": {"id": "111"}, "timestamp": 1486464322300,
				     "message": {"mid": "m2", "text": "two"}}]},
				  {"id": "222", "time": 1486464322257, "messaging": [
				    {"sender": {"id": "903"}, "recipient": {"id": "222"}, "timestamp": 1486464322400,
				     "read": {"watermark": 1486464322000}},
				    {"sender": {"id": "903"}, "recipient": {"id": "222"}, "timestamp": 1486464322500,
				     "message": {"mid": "m3", "attachments": [{"type": "file", "payload": {"url": "https://example.com/f.pdf"}}]}}]}]}"""),
				null);

		assertThat(result.events()).extracting(CaptureEvent::visitor, CaptureEvent::conversation, CaptureEvent::id,
				CaptureEvent::kind)
			.containsExactly(tuple("901", "fb:111:901", "m1", "text"), tuple("902", "fb:111:902", "m2", "text"),
					tuple("903", "fb:222:903", "m3", "file"));
		assertThat(result.unknown()).containsExactly("messenger: delivery", "messenger: read");
	}

	@Test
	void postbackIsAMessageOfKindPostbackWithTheButtonTitle() {
		Adaptation result = adapter.adapt(ChannelSamples.json("""
				{"object": "page", "entry": [{"id": "1895382890692545", "time": 1527459824000, "messaging": [
				  {"sender": {"id": "1412611362105802"}, "recipient": {"id": "1895382890692545"}, "timestamp": 1527459824000,
				   "postback": {"mid": "m_MESSAGE-ID", "title": "Get Started", "payload": "GET_STARTED"}}]}]}"""), null);

		assertThat(result.events()).containsExactly(expect(MESSAGE).channel("messenger").bot("1895382890692545")
			.visitor("1412611362105802").conversation("fb:1895382890692545:1412611362105802").at("2018-05-27T22:23:44Z")
			.id("m_MESSAGE-ID").sender("visitor").kind("postback").text("Get Started").build());
	}

	@Test
	void timestampWrittenInSecondsIsReadAsSeconds() {
		Adaptation result = adapter.adapt(ChannelSamples.json("""
				{"object": "page", "entry": [{"id": "1", "messaging": [
				  {"sender": {"id": "2"}, "recipient": {"id": "1"}, "timestamp": "1527459824",
				   "postback": {"title": "Get Started", "payload": "GET_STARTED"}}]}]}"""), null);

		assertThat(result.events()).singleElement().satisfies(event -> {
			assertThat(event.at()).isEqualTo(Instant.parse("2018-05-27T22:23:44Z"));
			assertThat(event.id()).isEqualTo("postback:1527459824000");
		});
	}

	@Test
	void missingSenderOrTimestampIsAFormatErrorNamingTheField() {
		ObjectNode noSender = ChannelSamples.read("messenger/text__bottender.json");
		((ObjectNode) noSender.at("/entry/0/messaging/0/sender")).remove("id");
		ObjectNode noTime = ChannelSamples.read("messenger/text__bottender.json");
		((ObjectNode) noTime.at("/entry/0/messaging/0")).remove("timestamp");

		assertThatThrownBy(() -> adapter.adapt(noSender, null)).isInstanceOf(CaptureFormatException.class)
			.hasMessage("messenger: entry[0].messaging[0].sender.id is missing");
		assertThatThrownBy(() -> adapter.adapt(noTime, null)).isInstanceOf(CaptureFormatException.class)
			.hasMessage("messenger: entry[0].messaging[0].timestamp is missing");
	}

	@Test
	void profileWithAnUnreadableTimeIsAFormatError() {
		ObjectNode profile = ChannelSamples.read("messenger/user_profile_response__CONSTRUCTED.json");
		profile.put("fetched_at", "last tuesday");

		assertThatThrownBy(() -> adapter.adapt(profile, "messenger")).isInstanceOf(CaptureFormatException.class)
			.hasMessage("messenger: fetched_at is not a time");
	}
}
