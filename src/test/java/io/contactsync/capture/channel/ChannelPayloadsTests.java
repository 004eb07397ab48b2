package io.contactsync.capture.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.contactsync.capture.Adaptation;
import io.contactsync.capture.CanonicalEvents;
import io.contactsync.capture.CaptureEvent;
import io.contactsync.capture.CaptureEventType;
import io.contactsync.capture.CaptureFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

class ChannelPayloadsTests {

	private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-08-22T12:00:00Z"), ZoneOffset.UTC);

	private final List<ChannelAdapter> adapters = List.of(new TelegramAdapter(), new WhatsAppAdapter(),
			new MessengerAdapter(CLOCK), new ChatwootAdapter(CLOCK));

	private final ChannelPayloads payloads = new ChannelPayloads(adapters, new CanonicalEvents());

	/** The channel of each sample's folder, and for the profile, which is read only with its channel named. */
	private static final Map<String, String> FOLDER_CHANNELS = Map.of("telegram", "telegram", "whatsapp", "whatsapp",
			"messenger", "messenger", "chatwoot", "frame");

	static Stream<String> samples() throws IOException {
		return ChannelSamples.all();
	}

	static Stream<String> webhookSamples() throws IOException {
		return ChannelSamples.all().filter(name -> !name.contains("user_profile"));
	}

	@Test
	void thereAreSamplesOfEveryChannel() throws IOException {
		assertThat(ChannelSamples.all().map(name -> name.substring(0, name.indexOf('/'))).distinct())
			.containsExactlyInAnyOrder("telegram", "whatsapp", "messenger", "chatwoot");
	}

	@ParameterizedTest
	@MethodSource("webhookSamples")
	void eachWebhookSampleIsRecognisedByExactlyOneAdapter(String sample) {
		JsonNode payload = ChannelSamples.read(sample);

		List<ChannelAdapter> fitting = adapters.stream().filter(adapter -> adapter.recognises(payload)).toList();

		assertThat(fitting).hasSize(1);
		assertThat(fitting.get(0).channels()).extracting(channel -> channel.code())
			.contains(FOLDER_CHANNELS.get(sample.substring(0, sample.indexOf('/'))));
		assertThat(new CanonicalEvents().recognises(payload)).isFalse();
	}

	@ParameterizedTest
	@MethodSource("webhookSamples")
	void eachWebhookSampleGivesTheSameEventsWithOrWithoutItsChannel(String sample) {
		JsonNode payload = ChannelSamples.read(sample);
		String channel = FOLDER_CHANNELS.get(sample.substring(0, sample.indexOf('/')));

		Adaptation byShape = payloads.adapt(payload, null);

		assertThat(byShape.events()).isNotEmpty().allSatisfy(event -> assertThat(event.channel()).isEqualTo(channel));
		assertThat(payloads.adapt(payload, channel)).isEqualTo(byShape);
	}

	@ParameterizedTest
	@MethodSource("samples")
	void eachSampleIsRefusedUnderAChannelItDoesNotFit(String sample) {
		JsonNode payload = ChannelSamples.read(sample);
		String wrong = sample.startsWith("telegram/") ? "whatsapp" : "telegram";

		assertThatThrownBy(() -> payloads.adapt(payload, wrong)).isInstanceOf(CaptureFormatException.class)
			.hasMessageStartingWith("channel " + wrong + " was given but the payload is not ");
	}

	@Test
	void refusalSaysWhatThePayloadLooksLike() {
		assertThatThrownBy(() -> payloads.adapt(ChannelSamples.read("whatsapp/sticker__pywa.json"), "messenger"))
			.hasMessage("channel messenger was given but the payload is not a Messenger webhook (object page) or a "
					+ "Messenger user profile (id, first_name, last_name) (it looks like whatsapp)");
	}

	@Test
	void userProfileIsReadOnlyWithItsChannelNamed() {
		JsonNode profile = ChannelSamples.read("messenger/user_profile_response__CONSTRUCTED.json");

		assertThat(payloads.adapt(profile, "messenger").events()).singleElement()
			.extracting(CaptureEvent::type, CaptureEvent::visitor, CaptureEvent::name)
			.containsExactly(CaptureEventType.PROFILE_SEEN, "1412611362105802", "firstName lastName");
		assertThatThrownBy(() -> payloads.adapt(profile, null)).isInstanceOf(CaptureFormatException.class)
			.hasMessageStartingWith("the payload is neither a canonical event (type, channel, visitor) nor a Telegram");
	}

	@Test
	void chatwootPayloadTakesTheGivenChannel() {
		Adaptation result = payloads.adapt(ChannelSamples.read("chatwoot/message_created__chatwoot_docs.json"), "LiveChat");

		assertThat(result.events()).extracting(CaptureEvent::channel).containsOnly("livechat");
	}

	@Test
	void canonicalEventIsReadAsItIs() {
		JsonNode event = ChannelSamples.json("""
				{"type": "form_submitted", "channel": "frame", "visitor": "v-1", "at": "2025-08-22T10:00:00Z",
				 "name": "Ann Lee", "email": "ann@example.com"}""");

		assertThat(payloads.adapt(event, null).events()).singleElement()
			.extracting(CaptureEvent::type, CaptureEvent::email)
			.containsExactly(CaptureEventType.FORM_SUBMITTED, "ann@example.com");
		assertThat(payloads.adapt(event, "frame").events()).hasSize(1);
		assertThatThrownBy(() -> payloads.adapt(event, "livechat")).isInstanceOf(CaptureFormatException.class)
			.hasMessage("channel livechat was given but the canonical event is on frame");
	}

	@Test
	void unknownChannelIsRefusedNamingTheChannels() {
		assertThatThrownBy(() -> payloads.adapt(ChannelSamples.read("whatsapp/sticker__pywa.json"), "sms"))
			.isInstanceOf(CaptureFormatException.class)
			.hasMessage("unknown channel 'sms'; the channels are frame, livechat, telegram, messenger, whatsapp");
	}

	@Test
	void payloadThatIsNotAnObjectIsRefused() {
		assertThatThrownBy(() -> payloads.adapt(ChannelSamples.json("[1, 2]"), null))
			.isInstanceOf(CaptureFormatException.class)
			.hasMessage("a capture payload must be a JSON object");
	}

	@Test
	void twoAdaptersForOneChannelAreAWiringError() {
		assertThatThrownBy(() -> new ChannelPayloads(List.of(new TelegramAdapter(), new TelegramAdapter()),
				new CanonicalEvents()))
			.isInstanceOf(IllegalStateException.class)
			.hasMessage("Two adapters read channel telegram");
	}
}
