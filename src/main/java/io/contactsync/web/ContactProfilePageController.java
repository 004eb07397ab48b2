package io.contactsync.web;

import java.security.Principal;
import java.util.List;
import java.util.Map;

import io.contactsync.crm.ActivityOverview;
import io.contactsync.crm.CrmSyncOverview;
import io.contactsync.retention.ErasureService;
import io.contactsync.store.ConflictException;
import io.contactsync.store.ContactEditService;
import io.contactsync.store.ContactProfile;
import io.contactsync.store.ContactRepository;
import io.contactsync.store.ContactScoreRepository;
import io.contactsync.store.ConversationRepository;
import io.contactsync.store.ConversationSummary;
import io.contactsync.store.Message;
import io.contactsync.store.PhoneNumbers;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.json.JsonMapper;

/** A contact's profile with its conversations and transcripts, its edit form and its deletion. */
@Controller
class ContactProfilePageController {

	private final ContactRepository contacts;

	private final ConversationRepository conversations;

	private final ContactScoreRepository scores;

	private final ContactEditService edits;

	private final PhoneNumbers phoneNumbers;

	private final JsonMapper json;

	private final ErasureService erasures;

	private final CrmSyncOverview crm;

	private final ActivityOverview activities;

	ContactProfilePageController(ContactRepository contacts, ConversationRepository conversations,
			ContactScoreRepository scores, ContactEditService edits, PhoneNumbers phoneNumbers, JsonMapper json,
			ErasureService erasures, CrmSyncOverview crm, ActivityOverview activities) {
		this.crm = crm;
		this.contacts = contacts;
		this.conversations = conversations;
		this.scores = scores;
		this.edits = edits;
		this.phoneNumbers = phoneNumbers;
		this.json = json;
		this.erasures = erasures;
		this.activities = activities;
	}

	@GetMapping("/contacts/{id}")
	String profile(@PathVariable long id, Model model) {
		ContactProfile profile = contacts.getProfile(id);
		return profilePage(profile, ContactForm.of(profile), Map.of(), null, model);
	}

	/** Saves the edit form; refused fields come back with their messages next to them and nothing saved. */
	@PostMapping("/contacts/{id}")
	String edit(@PathVariable long id, @ModelAttribute ContactForm form, Principal principal, Model model,
			HttpServletResponse response, RedirectAttributes redirect) {
		Map<String, String> errors = form.errors(json, phoneNumbers);
		if (!errors.isEmpty()) {
			response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
			return profilePage(contacts.getProfile(id), form, errors, null, model);
		}
		try {
			edits.update(id, form.version(), form.changes(json, phoneNumbers), principal.getName());
		}
		catch (ConflictException ex) {
			response.setStatus(HttpStatus.CONFLICT.value());
			return profilePage(contacts.getProfile(id), form, Map.of(), ex.getMessage(), model);
		}
		redirect.addFlashAttribute("notice", "Saved.");
		return "redirect:/contacts/" + id;
	}

	@GetMapping("/contacts/{id}/delete")
	String confirmDelete(@PathVariable long id, Model model) {
		return deletePage(id, null, model);
	}

	@PostMapping("/contacts/{id}/delete")
	String delete(@PathVariable long id, @RequestParam(defaultValue = "false") boolean closeConversations,
			Principal principal, Model model, HttpServletResponse response, RedirectAttributes redirect) {
		try {
			edits.delete(id, closeConversations, principal.getName());
		}
		catch (ConflictException ex) {
			response.setStatus(HttpStatus.CONFLICT.value());
			return deletePage(id, ex.getMessage(), model);
		}
		redirect.addFlashAttribute("notice", "Contact " + id + " was deleted.");
		return "redirect:/contacts";
	}

	/** A transcript: for htmx the fragment the profile opens under the conversation, else a page of its own. */
	@GetMapping("/conversations/{id}")
	String transcript(@PathVariable long id, @RequestHeader(name = "HX-Request", required = false) String htmx,
			Model model) {
		List<Message> messages = conversations.findMessages(id)
			.orElseThrow(() -> new WebPages.NotFound("No conversation " + id));
		model.addAttribute("conversationId", id);
		model.addAttribute("messages", messages);
		return htmx != null ? "transcript :: transcript" : "transcript";
	}

	private String profilePage(ContactProfile profile, ContactForm form, Map<String, String> errors, String formError,
			Model model) {
		model.addAttribute("contact", profile);
		model.addAttribute("score", scores.find(profile.id()).orElse(null));
		model.addAttribute("conversations", conversations.findByContact(profile.id()));
		model.addAttribute("crmLinks", crm.links(profile.id()));
		model.addAttribute("activities", activities.of(profile.id()));
		model.addAttribute("form", form);
		model.addAttribute("errors", errors);
		model.addAttribute("formError", formError);
		// Most contacts have no request: the profile's due date says whether there is one to read.
		model.addAttribute("erasure", profile.erasureDueAt() == null ? null : erasures.find(profile.id()).orElse(null));
		model.addAttribute("graceDays", erasures.defaultGraceDays());
		return "contact";
	}

	private String deletePage(long id, String refusal, Model model) {
		ContactProfile profile = contacts.getProfile(id);
		List<ConversationSummary> log = conversations.findByContact(id);
		model.addAttribute("contact", profile);
		model.addAttribute("conversationCount", log.size());
		model.addAttribute("messageCount", log.stream().mapToLong(ConversationSummary::messageCount).sum());
		model.addAttribute("openCount", log.stream().filter(c -> "open".equals(c.status())).count());
		model.addAttribute("refusal", refusal);
		return "contact-delete";
	}
}
