package io.contactsync.capture;

import java.util.List;

/** A record understood: the canonical events it holds, with phones already in E.164 where valid. */
record StagedCapture(CaptureRecord record, List<StagedEvent> events) {

	record StagedEvent(CaptureEvent event, String phoneE164) {
	}
}
