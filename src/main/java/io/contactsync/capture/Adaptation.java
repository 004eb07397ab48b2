package io.contactsync.capture;

import java.util.List;

/**
 * What one payload became: its canonical events in the order they happened in the payload, and a short description
 * of each part that was skipped because it carries nothing for the contact store (a delivery receipt, a button
 * press, an event type the adapter does not know), such as {@code "telegram: callback_query"}. The job counts those
 * descriptions; they name kinds of things, never values.
 *
 * @param events   the canonical events
 * @param unknown  one entry per skipped part
 * @param warnings the fields of the payload that were passed over because they are wrong (a list where a text
 *                 belongs, say): the events went in without them
 */
public record Adaptation(List<CaptureEvent> events, List<String> unknown, List<FieldWarning> warnings) {

	public Adaptation {
		events = List.copyOf(events);
		unknown = List.copyOf(unknown);
		warnings = List.copyOf(warnings);
	}

	public Adaptation(List<CaptureEvent> events, List<String> unknown) {
		this(events, unknown, List.of());
	}

	public static Adaptation skipped(String part) {
		return new Adaptation(List.of(), List.of(part));
	}
}
