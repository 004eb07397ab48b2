package io.contactsync.capture.channel;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.contactsync.capture.Adaptation;
import io.contactsync.capture.CanonicalEvents;
import io.contactsync.capture.CaptureFormatException;
import io.contactsync.capture.Skipped;
import io.contactsync.store.Channel;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * The one door for captured payloads: finds what reads a payload and returns its canonical events. A payload is
 * either a canonical event (it has {@code type}, {@code channel} and {@code visitor}) or what a channel sent. With a
 * channel given, that channel's adapter reads it, and a payload of another shape is refused rather than guessed at;
 * without one, the payload's shape picks the adapter.
 */
@Component
public class ChannelPayloads {

	private final List<ChannelAdapter> adapters;

	private final Map<Channel, ChannelAdapter> byChannel = new EnumMap<>(Channel.class);

	private final CanonicalEvents canonical;

	public ChannelPayloads(List<ChannelAdapter> adapters, CanonicalEvents canonical) {
		this.adapters = List.copyOf(adapters);
		this.canonical = canonical;
		for (ChannelAdapter adapter : this.adapters) {
			for (Channel channel : adapter.channels()) {
				if (byChannel.putIfAbsent(channel, adapter) != null) {
					throw new IllegalStateException("Two adapters read channel " + channel.code());
				}
			}
		}
	}

	/**
	 * @param payload a JSON object as a channel or an integrator sent it
	 * @param channel the channel code the payload came with, or null or blank to recognise it by its shape
	 * @throws CaptureFormatException when the channel is unknown, the payload does not fit it, no channel recognises
	 *                                the payload, or a required field is missing
	 */
	public Adaptation adapt(JsonNode payload, String channel) {
		if (payload == null || !payload.isObject()) {
			throw new CaptureFormatException("a capture payload must be a JSON object");
		}
		if (channel == null || channel.isBlank()) {
			return byShape(payload);
		}
		Channel given = Channel.fromCode(channel.strip())
			.orElseThrow(() -> new CaptureFormatException(
					"unknown channel '" + Skipped.key(channel.strip()) + "'; the channels are " + Channel.codes()));
		if (canonical.recognises(payload)) {
			Adaptation adaptation = canonical.adapt(payload);
			String on = adaptation.events().get(0).channel();
			if (!on.equals(given.code())) {
				throw new CaptureFormatException("channel " + given.code() + " was given but the canonical event is on "
						+ on);
			}
			return adaptation;
		}
		ChannelAdapter adapter = byChannel.get(given);
		if (adapter == null) {
			throw new IllegalStateException("No adapter reads channel " + given.code());
		}
		if (!adapter.accepts(payload)) {
			throw new CaptureFormatException("channel " + given.code() + " was given but the payload is not "
					+ adapter.shape() + lookalike(payload));
		}
		return adapter.adapt(payload, given.code());
	}

	private Adaptation byShape(JsonNode payload) {
		if (canonical.recognises(payload)) {
			return canonical.adapt(payload);
		}
		List<ChannelAdapter> fitting = adapters.stream().filter(adapter -> adapter.recognises(payload)).toList();
		if (fitting.size() == 1) {
			return fitting.get(0).adapt(payload, null);
		}
		if (fitting.isEmpty()) {
			throw new CaptureFormatException("the payload is neither a canonical event (type, channel, visitor) nor "
					+ adapters.stream().map(ChannelAdapter::shape).collect(Collectors.joining(", nor ")));
		}
		throw new CaptureFormatException("the payload fits several channels (" + codes(fitting) + "); give its channel");
	}

	/** What the payload looks like instead, to point at a wrong channel setting. */
	private String lookalike(JsonNode payload) {
		List<ChannelAdapter> fitting = adapters.stream().filter(adapter -> adapter.recognises(payload)).toList();
		return fitting.isEmpty() ? "" : " (it looks like " + codes(fitting) + ")";
	}

	private static String codes(List<ChannelAdapter> adapters) {
		return adapters.stream()
			.flatMap(adapter -> adapter.channels().stream())
			.sorted()
			.map(Channel::code)
			.collect(Collectors.joining("/"));
	}
}
