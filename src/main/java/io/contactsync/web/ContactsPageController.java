package io.contactsync.web;

import java.time.Clock;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;

import io.contactsync.api.BadRequestException;
import io.contactsync.api.ContactListParameters;
import io.contactsync.store.Channel;
import io.contactsync.store.ContactPage;
import io.contactsync.store.ContactRepository;
import io.contactsync.store.ContactSearch;
import io.contactsync.store.LeadStatus;
import io.contactsync.store.LeadTemperature;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The contacts page: the seed's table with its channel and date filters, the search box, badges, paging, sorting
 * and exports. It runs the API's own list query with the API's own parameters.
 */
@Controller
class ContactsPageController {

	private final ContactRepository contacts;

	private final Clock clock;

	private final ZoneId zone;

	ContactsPageController(ContactRepository contacts, Clock clock, ZoneId zone) {
		this.contacts = contacts;
		this.clock = clock;
		this.zone = zone;
	}

	@GetMapping("/")
	String home() {
		return "redirect:/contacts";
	}

	/** The whole page, or for htmx (the search box as one types) only the results. */
	@GetMapping("/contacts")
	String list(@RequestParam MultiValueMap<String, String> parameters,
			@RequestHeader(name = "HX-Request", required = false) String htmx, Model model,
			HttpServletResponse response) {
		FilterForm form = FilterForm.of(parameters);
		ContactListView view;
		try {
			ContactSearch search = new ContactListParameters(form.parameters(), clock, zone).toSearch();
			view = new ContactListView(contacts.search(search), form, null);
		}
		catch (BadRequestException ex) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			view = new ContactListView(new ContactPage(List.of(), 0, false, 1, 50), form, ex.getMessage());
		}
		model.addAttribute("list", view);
		model.addAttribute("channels", Arrays.stream(Channel.values()).map(Channel::code).toList());
		model.addAttribute("statuses", Arrays.stream(LeadStatus.values()).map(LeadStatus::code).toList());
		model.addAttribute("temperatures", Arrays.stream(LeadTemperature.values()).map(LeadTemperature::code).toList());
		model.addAttribute("formats", ContactListView.FORMATS);
		return htmx != null ? "contacts :: #results" : "contacts";
	}
}
