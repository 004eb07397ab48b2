package io.contactsync.web;

import java.security.Principal;
import java.time.Clock;

import io.contactsync.api.ConsentAnswer;
import io.contactsync.api.JsonDownload;
import io.contactsync.retention.ErasureNotFoundException;
import io.contactsync.retention.ErasureRequest;
import io.contactsync.retention.ErasureService;
import io.contactsync.retention.SubjectExport;
import io.contactsync.store.ConflictException;
import io.contactsync.store.ContactEditService;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The profile's privacy controls (admins): request or cancel an erasure, download the subject export, record the
 * person's answer on marketing. Each does what the API does, through the same services.
 */
@Controller
class ContactPrivacyPageController {

	private final ErasureService erasures;

	private final SubjectExport subjectExport;

	private final ContactEditService edits;

	private final WebFormat format;

	private final Clock clock;

	ContactPrivacyPageController(ErasureService erasures, SubjectExport subjectExport, ContactEditService edits,
			WebFormat format, Clock clock) {
		this.erasures = erasures;
		this.subjectExport = subjectExport;
		this.edits = edits;
		this.format = format;
		this.clock = clock;
	}

	/** {@code now=true} skips the grace period: the next retention run purges the contact. */
	@PostMapping("/contacts/{id}/erasure")
	String requestErasure(@PathVariable long id, @RequestParam(defaultValue = "false") boolean now,
			Principal principal, RedirectAttributes redirect) {
		ErasureRequest request = erasures.request(id, now ? 0 : null, principal.getName());
		redirect.addFlashAttribute("notice", "Erasure requested: the first retention run from "
				+ format.dateTime(request.dueAt()) + " removes every trace of this contact, here and in the CRMs."
				+ " Until then it can be cancelled.");
		return "redirect:/contacts/" + id;
	}

	@PostMapping("/contacts/{id}/erasure/cancel")
	String cancelErasure(@PathVariable long id, Principal principal, RedirectAttributes redirect) {
		try {
			erasures.cancel(id, principal.getName());
			redirect.addFlashAttribute("notice", "The erasure request was cancelled.");
		}
		// The page was older than the request's state: cancelled meanwhile, or already purged.
		catch (ConflictException | ErasureNotFoundException ex) {
			redirect.addFlashAttribute("notice", ex.getMessage());
		}
		return "redirect:/contacts/" + id;
	}

	@GetMapping("/contacts/{id}/subject-export")
	ResponseEntity<String> subjectExport(@PathVariable long id, Principal principal) {
		return JsonDownload.of("contact-" + id + "-subject-export.json", subjectExport.document(id, principal.getName()));
	}

	@PostMapping("/contacts/{id}/consent")
	String consent(@PathVariable long id, @RequestParam(defaultValue = "") String marketing,
			@RequestParam(defaultValue = "") String source, Principal principal, RedirectAttributes redirect) {
		ConsentAnswer answer = ConsentAnswer.of(marketing, source, "dashboard");
		edits.setConsent(id, answer.given(), answer.source(), clock.instant(), principal.getName());
		redirect.addFlashAttribute("notice", answer.given() ? "Marketing consent recorded."
				: "Opt-out recorded: the contact leaves marketing exports and the mappings that exclude opted-out contacts.");
		return "redirect:/contacts/" + id;
	}
}
