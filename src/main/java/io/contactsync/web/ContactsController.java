package io.contactsync.web;

import java.time.Clock;
import java.time.ZoneId;
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
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The contacts page: the seed's table with its channel and date filters, the search box, badges, paging, sorting
 * and exports. It runs the API's own list query with the API's own parameters.
 */
@Controller
class ContactsController {

	/** The date filter's "custom range": the from and to fields alone decide. */
	private static final String CUSTOM_RANGE = "range";

	private final ContactRepository contacts;

	private final Clock clock;

	private final ZoneId zone;

	ContactsController(ContactRepository contacts, Clock clock, @Value("${contactsync.time-zone:UTC}") ZoneId zone) {
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
		MultiValueMap<String, String> filter = withoutCustomRange(given(parameters));
		ContactListView view;
		try {
			ContactSearch search = new ContactListParameters(filter, clock, zone).toSearch();
			view = new ContactListView(contacts.search(search), filter, null);
		}
		catch (BadRequestException ex) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			view = new ContactListView(new ContactPage(List.of(), 0, false, 1, 50), filter, ex.getMessage());
		}
		model.addAttribute("list", view);
		model.addAttribute("channels", Channel.values());
		model.addAttribute("statuses", LeadStatus.values());
		model.addAttribute("temperatures", LeadTemperature.values());
		model.addAttribute("formats", ContactListView.FORMATS);
		return htmx != null ? "contacts :: #results" : "contacts";
	}

	/** The parameters that say something: a form sends its empty fields too. */
	static MultiValueMap<String, String> given(MultiValueMap<String, String> parameters) {
		MultiValueMap<String, String> given = new LinkedMultiValueMap<>();
		parameters.forEach((name, values) -> values.stream().filter(value -> !value.isBlank())
			.forEach(value -> given.add(name, value.strip())));
		return given;
	}

	private static MultiValueMap<String, String> withoutCustomRange(MultiValueMap<String, String> filter) {
		MultiValueMap<String, String> search = new LinkedMultiValueMap<>(filter);
		if (CUSTOM_RANGE.equals(filter.getFirst("created"))) {
			search.remove("created");
		}
		else if (filter.containsKey("created")) {
			// A preset wins over dates left in the form's custom fields.
			search.remove("from");
			search.remove("to");
		}
		return search;
	}
}
