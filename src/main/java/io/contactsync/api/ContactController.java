package io.contactsync.api;

import java.security.Principal;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import io.contactsync.store.ContactEditService;
import io.contactsync.store.ContactPage;
import io.contactsync.store.ContactProfile;
import io.contactsync.store.ContactRepository;
import io.contactsync.store.ContactScore;
import io.contactsync.store.ContactScoreRepository;
import io.contactsync.store.ConversationRepository;
import io.contactsync.store.ConversationSummary;
import io.contactsync.store.PhoneNumbers;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** The contact list, profiles, their conversations, edits and deletion. */
@RestController
@RequestMapping("/api/v1/contacts")
class ContactController {

	private final ContactRepository contacts;

	private final ConversationRepository conversations;

	private final ContactEditService edits;

	private final ContactScoreRepository scores;

	private final PhoneNumbers phoneNumbers;

	private final Clock clock;

	private final ZoneId zone;

	ContactController(ContactRepository contacts, ConversationRepository conversations, ContactEditService edits,
			ContactScoreRepository scores, PhoneNumbers phoneNumbers, Clock clock, ZoneId zone) {
		this.contacts = contacts;
		this.conversations = conversations;
		this.edits = edits;
		this.scores = scores;
		this.phoneNumbers = phoneNumbers;
		this.clock = clock;
		this.zone = zone;
	}

	@GetMapping
	ContactPage list(@RequestParam MultiValueMap<String, String> parameters) {
		return contacts.search(new ContactListParameters(parameters, clock, zone).toSearch());
	}

	@GetMapping("/{id}")
	ResponseEntity<ContactProfile> profile(@PathVariable long id) {
		ContactProfile profile = contacts.getProfile(id);
		return ResponseEntity.ok().eTag(Long.toString(profile.version())).body(profile);
	}

	/** Why the contact has its score, temperature and status: the rules that fired, as the last scoring saw them. */
	@GetMapping("/{id}/score")
	ContactScore score(@PathVariable long id) {
		contacts.requireExists(id);
		return scores.find(id).orElseThrow(() -> new ErrorResponseException(HttpStatus.NOT_FOUND,
				ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "Contact " + id + " has not been scored yet;"
						+ " run lead-scoring (java -jar contact-sync.jar run lead-scoring, or the nightly-sync)."), null));
	}

	@GetMapping("/{id}/conversations")
	Map<String, List<ConversationSummary>> conversations(@PathVariable long id) {
		contacts.requireExists(id);
		return Map.of("conversations", conversations.findByContact(id));
	}

	/**
	 * Edits a contact under optimistic locking: the caller sends the version it read, in the body or as
	 * {@code If-Match}, and loses with 409 if someone saved in between.
	 */
	@PatchMapping("/{id}")
	ResponseEntity<ContactProfile> update(@PathVariable long id, @RequestBody JsonNode body,
			@RequestHeader(name = "If-Match", required = false) String ifMatch, Principal principal) {
		ContactPatch patch = new ContactPatch(body, phoneNumbers);
		int version = expectedVersion(patch.version(), ifMatch);
		ContactProfile updated = edits.update(id, version, patch.changes(), principal.getName());
		return ResponseEntity.ok().eTag(Long.toString(updated.version())).body(updated);
	}

	@DeleteMapping("/{id}")
	ResponseEntity<Void> delete(@PathVariable long id,
			@RequestParam(defaultValue = "false") boolean closeConversations, Principal principal) {
		edits.delete(id, closeConversations, principal.getName());
		return ResponseEntity.noContent().build();
	}

	private static int expectedVersion(Integer inBody, String ifMatch) {
		if (inBody != null) {
			return inBody;
		}
		if (ifMatch == null) {
			throw new PreconditionRequiredException("Send the version you read, as \"version\" in the body or as "
					+ "If-Match: \"<version>\", so that an edit cannot overwrite someone else's.");
		}
		try {
			return Integer.parseInt(ifMatch.replace("W/", "").replace("\"", "").strip());
		}
		catch (NumberFormatException ex) {
			throw new BadRequestException("If-Match must be the ETag of the contact you read, e.g. \"3\".");
		}
	}
}
