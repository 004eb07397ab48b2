package io.contactsync.capture.channel;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import io.contactsync.capture.CaptureEvent;
import io.contactsync.capture.CaptureEventType;

/**
 * Builds the exact event a test expects by field name, so that a test states every field a user would check and
 * does not share the production code's way of building events.
 */
final class ExpectedEvent {

	private final CaptureEventType type;

	private String channel;

	private String bot;

	private String visitor;

	private String conversation;

	private Instant at;

	private String id;

	private String sender;

	private String kind;

	private String text;

	private String name;

	private String username;

	private String email;

	private String phone;

	private String newVisitor;

	private final Map<String, String> attributes = new LinkedHashMap<>();

	private ExpectedEvent(CaptureEventType type) {
		this.type = type;
	}

	static ExpectedEvent expect(CaptureEventType type) {
		return new ExpectedEvent(type);
	}

	ExpectedEvent channel(String channel) {
		this.channel = channel;
		return this;
	}

	ExpectedEvent bot(String bot) {
		this.bot = bot;
		return this;
	}

	ExpectedEvent visitor(String visitor) {
		this.visitor = visitor;
		return this;
	}

	ExpectedEvent conversation(String conversation) {
		this.conversation = conversation;
		return this;
	}

	ExpectedEvent at(String at) {
		this.at = Instant.parse(at);
		return this;
	}

	ExpectedEvent id(String id) {
		this.id = id;
		return this;
	}

	ExpectedEvent sender(String sender) {
		this.sender = sender;
		return this;
	}

	ExpectedEvent kind(String kind) {
		this.kind = kind;
		return this;
	}

	ExpectedEvent text(String text) {
		this.text = text;
		return this;
	}

	ExpectedEvent name(String name) {
		this.name = name;
		return this;
	}

	ExpectedEvent username(String username) {
		this.username = username;
		return this;
	}

	ExpectedEvent email(String email) {
		this.email = email;
		return this;
	}

	ExpectedEvent phone(String phone) {
		this.phone = phone;
		return this;
	}

	ExpectedEvent newVisitor(String newVisitor) {
		this.newVisitor = newVisitor;
		return this;
	}

	ExpectedEvent attribute(String key, String value) {
		attributes.put(key, value);
		return this;
	}

	CaptureEvent build() {
		return new CaptureEvent(type, channel, bot, visitor, conversation, at, id, sender, kind, text, name, username,
				email, phone, newVisitor, attributes);
	}
}
