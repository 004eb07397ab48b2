package io.contactsync.api;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import io.contactsync.capture.CaptureIntake;
import io.contactsync.store.Channel;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Captures over HTTP: a canonical event, an array of them, or a channel's webhook payload (with
 * {@code ?channel=} when its shape does not say). Taken element by element and stored at once: 202 says how many
 * payloads were accepted and, for each refused one, its index and reason (refused payloads are kept in the inbox as
 * failed). A lone payload that is refused is 422; a body that is not JSON at all is 400. The next capture-import
 * run without {@code input} applies what was accepted. The body is read as bytes, so one payload holding bytes that
 * are not UTF-8 costs only itself.
 */
@RestController
@RequestMapping("/api/v1/captures")
class CaptureController {

	private final CaptureIntake intake;

	CaptureController(CaptureIntake intake) {
		this.intake = intake;
	}

	@PostMapping(consumes = { MediaType.APPLICATION_JSON_VALUE, "application/*+json" })
	ResponseEntity<?> accept(@RequestBody byte[] body, @RequestParam(required = false) String channel) {
		if (channel != null && Channel.fromCode(channel).isEmpty()) {
			throw new BadRequestException("channel must be one of " + Channel.codes() + ", not '" + channel + "'.");
		}
		CaptureIntake.Answer answer;
		try {
			answer = intake.accept(body, channel);
		}
		catch (CaptureIntake.NotJsonException ex) {
			throw new BadRequestException(ex.getMessage() + " Send a JSON object or a non-empty array: a canonical"
					+ " event, an array of them, or a channel's webhook payload.");
		}
		if (!answer.batch() && answer.inboxIds().isEmpty()) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT,
					"The payload cannot be imported: " + answer.refused().get(0).reason());
			return ResponseEntity.unprocessableContent().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
		}
		ResponseEntity.BodyBuilder accepted = ResponseEntity.accepted();
		if (answer.inboxIds().size() == 1) {
			accepted.location(URI.create("/api/v1/captures/" + answer.inboxIds().get(0)));
		}
		return accepted.body(body(answer));
	}

	private static Map<String, Object> body(CaptureIntake.Answer answer) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("status", "pending");
		body.put("accepted", answer.inboxIds().size());
		if (answer.inboxIds().size() == 1 && !answer.batch()) {
			body.put("inbox_id", answer.inboxIds().get(0));
		}
		body.put("inbox_ids", answer.inboxIds());
		body.put("refused", answer.refused().stream()
			.map(refusal -> Map.<String, Object>of("index", refusal.index(), "reason", refusal.reason()))
			.toList());
		body.put("warnings", answer.warnings().stream()
			.map(warning -> Map.<String, Object>of("index", warning.index(), "field", warning.field(), "reason",
					warning.reason()))
			.toList());
		return body;
	}

}
