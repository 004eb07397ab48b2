package io.contactsync.crm;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import io.contactsync.store.Channel;
import org.springframework.web.util.HtmlUtils;

/**
 * A conversation written out for a salesperson reading it on the CRM record: a heading from the mapping's
 * template, a line of what it was (bot, channel, start, how long, how many messages), then each message with its
 * sender and time. Times are UTC and say so: the CRM shows them beside its own, in the reader's zone. HTML-escaped
 * where the CRM shows the body as rich text (HubSpot), plain otherwise; cut at the last whole message that fits the
 * CRM's limit, with a closing line that says how many messages were left out and where the rest is.
 */
final class Transcript {

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

	/** Room kept for the closing line of a cut transcript. */
	private static final int CLOSING_ROOM = 300;

	/** The conversation as the store holds it. */
	record Conversation(long id, String channel, String bot, OffsetDateTime startedAt, OffsetDateTime endedAt,
			List<Message> messages) {
	}

	/** One message; {@code text} null for an attachment or other non-text message. */
	record Message(String sender, String kind, String text, OffsetDateTime sentAt) {
	}

	private Transcript() {
	}

	/** The mapping's heading for this conversation. */
	static String title(String template, Conversation conversation) {
		return template.replace("{bot}", bot(conversation))
			.replace("{channel}", channelName(conversation.channel()))
			.replace("{started}", WHEN.format(utc(conversation.startedAt())));
	}

	static String body(String title, Conversation conversation, ActivityFormat format) {
		StringBuilder body = new StringBuilder();
		body.append(paragraph(format, bold(format, escape(format, title))));
		body.append(paragraph(format, escape(format, summary(conversation))));
		int shown = 0;
		for (Message message : conversation.messages()) {
			String line = paragraph(format, line(format, conversation, message));
			if (body.length() + line.length() > format.maxLength() - CLOSING_ROOM) {
				break;
			}
			body.append(line);
			shown++;
		}
		int left = conversation.messages().size() - shown;
		if (left > 0) {
			body.append(paragraph(format, escape(format, "… " + left + " more message" + (left == 1 ? "" : "s")
					+ " not shown: the transcript is longer than " + format.vendor() + " takes ("
					+ format.maxLength() + " characters). The whole chat is in Contact Sync, conversation "
					+ conversation.id() + ".")));
		}
		return body.toString().stripTrailing();
	}

	private static String summary(Conversation conversation) {
		StringBuilder summary = new StringBuilder();
		summary.append(bot(conversation)).append(" · ").append(channelName(conversation.channel()))
			.append(" · started ").append(WHEN.format(utc(conversation.startedAt())));
		if (conversation.endedAt() != null) {
			long minutes = Duration.between(conversation.startedAt(), conversation.endedAt()).toMinutes();
			summary.append(" · ").append(minutes < 1 ? "under a minute" : minutes + " min");
		}
		int count = conversation.messages().size();
		return summary.append(" · ").append(count).append(count == 1 ? " message" : " messages").toString();
	}

	private static String line(ActivityFormat format, Conversation conversation, Message message) {
		String sender = switch (message.sender()) {
			case "visitor" -> "Visitor";
			case "agent" -> "Agent";
			default -> bot(conversation);
		};
		String text = message.text() == null || message.text().isBlank() ? "[" + message.kind() + "]" : message.text();
		// One message longer than the whole limit is cut itself; escaping may grow it up to six times.
		int room = (format.maxLength() - CLOSING_ROOM * 2) / (format.html() ? 6 : 1);
		if (text.length() > room) {
			text = text.substring(0, room) + " …";
		}
		return "[" + TIME.format(utc(message.sentAt())) + "] " + bold(format, escape(format, sender)) + ": "
				+ escape(format, text);
	}

	private static String paragraph(ActivityFormat format, String text) {
		return format.html() ? "<p>" + text + "</p>" : text + "\n";
	}

	private static String bold(ActivityFormat format, String text) {
		return format.html() ? "<strong>" + text + "</strong>" : text;
	}

	private static String escape(ActivityFormat format, String text) {
		return format.html() ? HtmlUtils.htmlEscape(text, "UTF-8").replace("\n", "<br>") : text;
	}

	private static String bot(Conversation conversation) {
		return conversation.bot() == null || conversation.bot().isBlank() ? "the bot" : conversation.bot();
	}

	private static String channelName(String code) {
		return Channel.fromCode(code).map(Channel::displayName).orElse(code);
	}

	private static OffsetDateTime utc(OffsetDateTime time) {
		return time.withOffsetSameInstant(ZoneOffset.UTC);
	}
}
