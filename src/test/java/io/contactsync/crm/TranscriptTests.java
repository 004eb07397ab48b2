package io.contactsync.crm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import io.contactsync.crm.Transcript.Conversation;
import io.contactsync.crm.Transcript.Message;
import org.junit.jupiter.api.Test;

/** A chat as a salesperson reads it on the CRM record, within the CRM's limit. */
class TranscriptTests {

	private static final OffsetDateTime START = OffsetDateTime.parse("2026-12-03T10:15:00+01:00");

	private static final ActivityFormat PLAIN = new ActivityFormat(false, 32_000, "Salesforce");

	private static final ActivityFormat HTML = new ActivityFormat(true, 65_536, "HubSpot");

	@Test
	void theHeadingSaysTheBotTheChannelAndTheStartInUtc() {
		Conversation chat = chat(List.of(message("visitor", "Hi", 0)), START.plusMinutes(12));

		assertThat(Transcript.title("Chat with {bot} on {channel}, {started}", chat))
			.isEqualTo("Chat with Shop bot on WhatsApp, 2026-12-03 09:15 UTC");
		assertThat(Transcript.body("Chat", chat, PLAIN)).isEqualTo("""
				Chat
				Shop bot · WhatsApp · started 2026-12-03 09:15 UTC · 12 min · 1 message
				[09:15] Visitor: Hi""");
	}

	@Test
	void eachSenderIsNamedAndAnAttachmentIsShownByItsKind() {
		Conversation chat = chat(List.of(message("visitor", "Photo of the damage:", 0),
				new Message("visitor", "image", null, START.plusMinutes(1)), message("agent", "Thanks, refunded.", 2),
				message("bot", "Anything else?", 3)), null);

		assertThat(Transcript.body("Chat", chat, PLAIN)).endsWith("""
				[09:15] Visitor: Photo of the damage:
				[09:16] Visitor: [image]
				[09:17] Agent: Thanks, refunded.
				[09:18] Shop bot: Anything else?""");
	}

	@Test
	void htmlIsEscapedForACrmThatShowsRichText() {
		Conversation chat = chat(List.of(message("visitor", "<img src=x onerror=alert(1)> & \"quotes\"\nsecond line", 0)),
				null);

		assertThat(Transcript.body("A <b>title</b>", chat, HTML))
			.startsWith("<p><strong>A &lt;b&gt;title&lt;/b&gt;</strong></p>")
			.contains("<strong>Visitor</strong>: &lt;img src=x onerror=alert(1)&gt; &amp; &quot;quotes&quot;<br>second line")
			.doesNotContain("<img");
	}

	@Test
	void aLongChatStopsAtTheLastWholeMessageThatFitsAndSaysWhatIsLeftOut() {
		List<Message> messages = new ArrayList<>();
		for (int i = 0; i < 1_000; i++) {
			messages.add(message(i % 2 == 0 ? "visitor" : "bot", "message number " + i + " " + "x".repeat(80), i));
		}
		Conversation chat = new Conversation(4711, "whatsapp", "Shop bot", START, null, messages);

		String body = Transcript.body("Chat", chat, PLAIN);

		assertThat(body.length()).isLessThanOrEqualTo(32_000);
		int shown = (int) body.lines().filter(line -> line.contains("message number")).count();
		assertThat(shown).isBetween(250, 999);
		assertThat(body).contains("message number " + (shown - 1) + " ")
			.endsWith("… " + (1_000 - shown) + " more messages not shown: the transcript is longer than Salesforce takes"
					+ " (32000 characters). The whole chat is in Contact Sync, conversation 4711.");
	}

	@Test
	void oneMessageLongerThanTheLimitIsCutItself() {
		Conversation chat = chat(List.of(message("visitor", "y".repeat(100_000), 0)), null);

		String body = Transcript.body("Chat", chat, HTML);

		assertThat(body.length()).isLessThanOrEqualTo(65_536);
		assertThat(body).contains("[09:15] <strong>Visitor</strong>: yyyy").contains("y …</p>");
	}

	private static Conversation chat(List<Message> messages, OffsetDateTime ended) {
		return new Conversation(7, "whatsapp", "Shop bot", START, ended, messages);
	}

	private static Message message(String sender, String text, int minute) {
		return new Message(sender, "text", text, START.plusMinutes(minute));
	}
}
