package io.contactsync.capture;

import java.util.List;

/**
 * A record understood: the canonical events it holds, with phones already in E.164 where valid, the fields of
 * them that were cleaned or dropped, and, for a record holding an array of payloads, those of its payloads that
 * could not be taken (each is rejected on its own while the others go in).
 */
record StagedCapture(CaptureRecord record, List<StagedEvent> events, List<FieldWarning> warnings,
		List<ItemReject> rejects) {

	record StagedEvent(CaptureEvent event, String phoneE164) {
	}

	/** A payload of an array record that was rejected: its index in the array, why, and it escaped. */
	record ItemReject(int item, String reason, String raw) {
	}
}
