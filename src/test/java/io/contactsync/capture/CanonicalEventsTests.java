package io.contactsync.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class CanonicalEventsTests {

	private final CanonicalEvents canonical = new CanonicalEvents();

	private static final CaptureEvent MESSAGE = new CaptureEvent(CaptureEventType.MESSAGE, "frame", "shop-bot",
			"v-1", "c-1", Instant.parse("2025-08-22T10:15:30Z"), "m-1", "visitor", "text", "Hello \"there\"\nsecond line",
			null, null, null, null, null);

	@Test
	void readsBackWhatItWritesForEveryField() {
		CaptureEvent full = new CaptureEvent(CaptureEventType.FORM_SUBMITTED, "livechat", "b", "v", "c",
				Instant.parse("2025-08-22T10:15:30.123Z"), "i", "visitor", "form", "t", "Ann Lee", "ann", "ann@example.com",
				"+447700900123", "v2");

		assertThat(canonical.readLine(canonical.write(full))).isEqualTo(full);
		assertThat(canonical.readLine(canonical.write(MESSAGE))).isEqualTo(MESSAGE);
	}

	@Test
	void writesOneSnakeCaseLineWithoutAbsentFields() {
		CaptureEvent changed = new CaptureEvent(CaptureEventType.IDENTITY_CHANGED, "whatsapp", null, "1", null,
				Instant.parse("2025-02-12T00:43:44Z"), null, null, null, null, null, null, null, null, "2");

		assertThat(canonical.write(changed)).isEqualTo(
				"{\"type\":\"identity_changed\",\"channel\":\"whatsapp\",\"visitor\":\"1\",\"at\":\"2025-02-12T00:43:44Z\","
						+ "\"new_visitor\":\"2\"}");
		assertThat(canonical.write(MESSAGE)).doesNotContain("\n");
	}

	@Test
	void acceptsIntegerIdsAnOffsetTimeAndAMessageWithoutKind() {
		CaptureEvent event = canonical.readLine("{\"type\":\"message\",\"channel\":\"Telegram\",\"visitor\":12345,"
				+ "\"conversation\":12345,\"at\":\"2025-08-22T12:15:30+02:00\",\"sender\":\"bot\",\"text\":\"hi\"}");

		assertThat(event.channel()).isEqualTo("telegram");
		assertThat(event.visitor()).isEqualTo("12345");
		assertThat(event.conversation()).isEqualTo("12345");
		assertThat(event.at()).isEqualTo(Instant.parse("2025-08-22T10:15:30Z"));
		assertThat(event.kind()).isEqualTo("text");
	}

	@Test
	void recognisesTheCanonicalShapeOnly() {
		assertThat(canonical.recognises(node("{\"type\":\"message\",\"channel\":\"frame\",\"visitor\":\"v\"}"))).isTrue();
		assertThat(canonical.recognises(node("{\"update_id\":1,\"message\":{}}"))).isFalse();
		assertThat(canonical.recognises(node("[]"))).isFalse();
	}

	@Test
	void refusesAnUnknownType() {
		assertThatThrownBy(() -> canonical.read(valid().put("type", "message_sent")))
			.isInstanceOf(CaptureFormatException.class)
			.hasMessageContaining("type is missing or unknown")
			.hasMessageContaining("conversation_started");
	}

	@Test
	void refusesAnUnknownChannel() {
		assertThatThrownBy(() -> canonical.read(valid().put("channel", "sms")))
			.isInstanceOf(CaptureFormatException.class)
			.hasMessageContaining("channel is missing or unknown")
			.hasMessageContaining("frame, livechat, telegram, messenger, whatsapp");
	}

	@Test
	void refusesABlankVisitor() {
		assertThatThrownBy(() -> canonical.read(valid().put("visitor", "  ")))
			.isInstanceOf(CaptureFormatException.class)
			.hasMessage("canonical event: visitor is missing or blank");
		assertThatThrownBy(() -> canonical.read(without("visitor")))
			.hasMessage("canonical event: visitor is missing or blank");
	}

	@Test
	void refusesATimeItCannotParseWithoutQuotingIt() {
		assertThatThrownBy(() -> canonical.read(valid().put("at", "22/08/2025 ann@example.com")))
			.isInstanceOf(CaptureFormatException.class)
			.hasMessageStartingWith("canonical event: at is not an ISO-8601 instant")
			.hasMessageNotContaining("ann@example.com");
		assertThatThrownBy(() -> canonical.read(without("at"))).hasMessage("canonical event: at is missing");
	}

	@Test
	void refusesConversationEventsWithoutConversation() {
		assertThatThrownBy(() -> canonical.read(without("conversation")))
			.hasMessage("canonical event: conversation is required for message");
		assertThatThrownBy(() -> canonical.read(without("conversation").put("type", "conversation_started")))
			.hasMessage("canonical event: conversation is required for conversation_started");
		assertThatThrownBy(() -> canonical.read(without("conversation").put("type", "conversation_closed")))
			.hasMessage("canonical event: conversation is required for conversation_closed");
		assertThat(canonical.read(without("conversation").put("type", "profile_seen")).conversation()).isNull();
	}

	@Test
	void refusesAMessageWithoutAKnownSender() {
		assertThatThrownBy(() -> canonical.read(without("sender")))
			.hasMessage("canonical event: sender is required for message and must be one of agent, bot, visitor");
		assertThatThrownBy(() -> canonical.read(valid().put("sender", "customer")))
			.hasMessageStartingWith("canonical event: sender is required for message");
	}

	@Test
	void refusesAnIdentityChangeWithoutTheNewVisitor() {
		assertThatThrownBy(() -> canonical.read(valid().put("type", "identity_changed")))
			.hasMessage("canonical event: new_visitor is required for identity_changed");
	}

	@Test
	void passesOverFieldsTheEventDoesNotHaveAndNamesThem() {
		Adaptation read = canonical.adapt(valid().put("newVisitor", "v2"));

		assertThat(read.events()).singleElement().satisfies(event -> assertThat(event.newVisitor()).isNull());
		assertThat(read.warnings()).singleElement().satisfies(warning -> {
			assertThat(warning.field()).isEqualTo("newVisitor");
			assertThat(warning.reason()).startsWith("not a field of the canonical event; passed over");
		});
	}

	@Test
	void dropsAnOptionalValueOfTheWrongTypeButRefusesARequiredOne() {
		Adaptation read = canonical.adapt(valid().put("text", 42).put("name", "Ann"));

		assertThat(read.events()).singleElement().satisfies(event -> {
			assertThat(event.text()).isNull();
			assertThat(event.name()).isEqualTo("Ann");
		});
		assertThat(read.warnings()).extracting(FieldWarning::field, FieldWarning::reason)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("text", "not a string; passed over"));
		assertThatThrownBy(() -> canonical.read(valid().put("visitor", 1.5)))
			.hasMessage("canonical event: visitor must be a string or an integer");
	}

	@Test
	void takesAFormsFieldsAttributesAndLocaleAsTheContactsAttributes() {
		ObjectNode form = valid().put("type", "form_submitted").put("locale", "de-AT");
		form.putObject("fields").put("email", "ann@example.com").put("company", "Acme").put("seats", 12);
		form.putObject("attributes").put("plan", "pro");

		CaptureEvent event = canonical.read(form);

		assertThat(event.email()).isEqualTo("ann@example.com");
		assertThat(event.attributes()).containsExactly(java.util.Map.entry("company", "Acme"),
				java.util.Map.entry("seats", "12"), java.util.Map.entry("plan", "pro"),
				java.util.Map.entry("locale", "de-AT"));
		assertThat(canonical.readLine(canonical.write(event))).isEqualTo(event);
	}

	@Test
	void refusesALineThatIsNotJsonWithoutQuotingIt() {
		assertThatThrownBy(() -> canonical.readLine("{\"type\":\"message\",\"text\":\"call me on +447700900123"))
			.isInstanceOf(CaptureFormatException.class)
			.hasMessageStartingWith("canonical event: not valid JSON")
			.hasMessageNotContaining("+447700900123");
		assertThatThrownBy(() -> canonical.readLine("[1,2]")).hasMessage("canonical event: not a JSON object");
	}

	private static ObjectNode valid() {
		return (ObjectNode) node("{\"type\":\"message\",\"channel\":\"frame\",\"visitor\":\"v-1\",\"conversation\":\"c-1\","
				+ "\"at\":\"2025-08-22T10:15:30Z\",\"id\":\"m-1\",\"sender\":\"visitor\",\"kind\":\"text\",\"text\":\"hi\"}");
	}

	private static ObjectNode without(String field) {
		ObjectNode node = valid();
		node.remove(field);
		return node;
	}

	private static tools.jackson.databind.JsonNode node(String json) {
		return JsonMapper.shared().readTree(json);
	}
}
