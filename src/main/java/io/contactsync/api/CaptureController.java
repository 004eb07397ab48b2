package io.contactsync.api;

import java.net.URI;
import java.util.Map;

import io.contactsync.capture.CaptureInbox;
import io.contactsync.store.Channel;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Captures over HTTP: a canonical event, an array of them, or a channel's webhook payload (with
 * {@code ?channel=} when its shape does not say). Stored at once and answered 202; the next
 * capture-import run without {@code input} applies it.
 */
@RestController
@RequestMapping("/api/v1/captures")
class CaptureController {

	private final CaptureInbox inbox;

	CaptureController(CaptureInbox inbox) {
		this.inbox = inbox;
	}

	@PostMapping
	ResponseEntity<Map<String, Object>> accept(@RequestBody JsonNode payload,
			@RequestParam(required = false) String channel) {
		if (channel != null && Channel.fromCode(channel).isEmpty()) {
			throw new BadRequestException("channel must be one of " + Channel.codes() + ", not '" + channel + "'.");
		}
		if (!(payload.isObject() || payload.isArray()) || payload.isEmpty()) {
			throw new BadRequestException("Send a JSON object or a non-empty array: a canonical event, an array of "
					+ "them, or a channel's webhook payload.");
		}
		long id = inbox.accept(payload.toString(), channel);
		return ResponseEntity.accepted()
			.location(URI.create("/api/v1/captures/" + id))
			.body(Map.of("inbox_id", id, "status", "pending"));
	}
}
