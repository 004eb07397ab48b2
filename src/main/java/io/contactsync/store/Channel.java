package io.contactsync.store;

import java.util.Arrays;
import java.util.Optional;

/** The channels visitors reach the bots through, by the codes the platform uses. */
public enum Channel {

	FRAME("frame", "Website widget"),
	LIVECHAT("livechat", "Live chat"),
	TELEGRAM("telegram", "Telegram"),
	MESSENGER("messenger", "Facebook Messenger"),
	WHATSAPP("whatsapp", "WhatsApp");

	private final String code;

	private final String displayName;

	Channel(String code, String displayName) {
		this.code = code;
		this.displayName = displayName;
	}

	public String code() {
		return code;
	}

	/** Its name alone, e.g. "Website widget". */
	public String displayName() {
		return displayName;
	}

	/** How people see it, e.g. "frame (Website widget)". */
	public String label() {
		return code + " (" + displayName + ")";
	}

	public static Optional<Channel> fromCode(String code) {
		return Arrays.stream(values()).filter(channel -> channel.code.equalsIgnoreCase(code)).findFirst();
	}

	public static String codes() {
		return String.join(", ", Arrays.stream(values()).map(Channel::code).toList());
	}
}
