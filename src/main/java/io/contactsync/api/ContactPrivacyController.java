package io.contactsync.api;

import java.security.Principal;
import java.time.Clock;

import io.contactsync.retention.ErasureRequest;
import io.contactsync.retention.ErasureService;
import io.contactsync.retention.SubjectExport;
import io.contactsync.store.ContactEditService;
import io.contactsync.store.ContactProfile;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** A person's rights over their data: erasure, subject access and marketing consent. */
@RestController
@RequestMapping("/api/v1/contacts/{id}")
class ContactPrivacyController {

	private static final int MAX_GRACE_DAYS = 3650;

	private final ErasureService erasures;

	private final SubjectExport subjectExport;

	private final ContactEditService edits;

	private final Clock clock;

	ContactPrivacyController(ErasureService erasures, SubjectExport subjectExport, ContactEditService edits,
			Clock clock) {
		this.erasures = erasures;
		this.subjectExport = subjectExport;
		this.edits = edits;
		this.clock = clock;
	}

	/**
	 * Marks the contact for erasure; the retention run after the grace period purges it. The body is optional:
	 * {@code {"grace_days": 0}} to purge at the next run.
	 */
	@PostMapping("/erasure")
	ResponseEntity<ErasureRequest> requestErasure(@PathVariable long id, @RequestBody(required = false) JsonNode body,
			Principal principal) {
		ErasureRequest request = erasures.request(id, graceDays(body), principal.getName());
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(request);
	}

	@GetMapping("/erasure")
	ErasureRequest erasure(@PathVariable long id) {
		return erasures.get(id);
	}

	@DeleteMapping("/erasure")
	ResponseEntity<Void> cancelErasure(@PathVariable long id, Principal principal) {
		erasures.cancel(id, principal.getName());
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/subject-export")
	ResponseEntity<String> subjectExport(@PathVariable long id, Principal principal) {
		return JsonDownload.of("contact-" + id + "-subject-export.json", subjectExport.document(id, principal.getName()));
	}

	/** {@code {"marketing": "given" | "opted_out", "source": "phone call"}}: the answer and where it was given. */
	@PutMapping("/consent")
	ContactProfile consent(@PathVariable long id, @RequestBody(required = false) JsonNode body, Principal principal) {
		if (body == null || !body.isObject() || !body.path("marketing").isString()) {
			throw new BadRequestException("Send {\"marketing\": \"given\" or \"opted_out\", \"source\": \"where the person"
					+ " said it\"}.");
		}
		JsonNode source = body.path("source");
		ConsentAnswer answer = ConsentAnswer.of(body.get("marketing").asString(),
				source.isString() ? source.asString() : null, "api");
		return edits.setConsent(id, answer.given(), answer.source(), clock.instant(), principal.getName());
	}

	private static Integer graceDays(JsonNode body) {
		if (body == null || body.isNull() || body.isEmpty() && body.isObject()) {
			return null;
		}
		JsonNode days = body.get("grace_days");
		if (!body.isObject() || days == null || !days.isIntegralNumber() || !days.canConvertToInt() || days.asInt() < 0
				|| days.asInt() > MAX_GRACE_DAYS) {
			throw new BadRequestException("The body is optional; if sent, it is {\"grace_days\": n} with n a whole number"
					+ " of days from 0 (purge at the next retention run) to " + MAX_GRACE_DAYS + ".");
		}
		return days.asInt();
	}
}
