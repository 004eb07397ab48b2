package io.contactsync.capture;

import java.util.List;

/**
 * What one payload became: its canonical events in the order they happened in the payload, and a short description
 * of each part that was skipped because it carries nothing for the contact store (a delivery receipt, a button
 * press, an event type the adapter does not know), such as {@code "telegram: callback_query"}. The job counts those
 * descriptions; they name kinds of things, never values.
 *
 * @param events  the canonical events
 * @param unknown one entry per skipped part
 */
public record Adaptation(List<CaptureEvent> events, List<String> unknown) {

	public Adaptation {
		events = List.copyOf(events);
		unknown = List.copyOf(unknown);
	}

	static Adaptation skipped(String part) {
		return new Adaptation(List.of(), List.of(part));
	}
}
