package io.contactsync.capture.channel;

import java.util.Set;

import io.contactsync.capture.Adaptation;
import io.contactsync.store.Channel;
import tools.jackson.databind.JsonNode;

/**
 * Turns what one channel really sends (its webhook payloads) into canonical {@link CaptureEvent}s. An adapter is
 * pure: it reads the payload and nothing else, so the same payload always gives the same events, which is what makes
 * a re-import idempotent.
 */
public interface ChannelAdapter {

	/** The channels whose payloads this adapter reads. */
	Set<Channel> channels();

	/** The payload shape, as the error message that refuses a payload names it, e.g. "a Telegram update (update_id)". */
	String shape();

	/** Whether the payload has this channel's shape, so that a payload that comes without a channel finds its adapter. */
	boolean recognises(JsonNode payload);

	/**
	 * Whether the payload is one this adapter reads when the caller names its channel. Some payloads are read only
	 * then, because their shape is too plain to be told apart by itself (e.g. a Messenger user profile).
	 */
	default boolean accepts(JsonNode payload) {
		return recognises(payload);
	}

	/**
	 * The events in the payload.
	 * @param payload         a payload this adapter {@link #accepts(JsonNode) accepts}
	 * @param channelOverride the channel code the caller gave, or null; it decides the channel where the payload
	 *                        cannot (e.g. website widget or live chat)
	 * @throws CaptureFormatException when a required field is missing or malformed
	 */
	Adaptation adapt(JsonNode payload, String channelOverride);
}
