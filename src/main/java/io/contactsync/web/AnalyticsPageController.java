package io.contactsync.web;

import java.time.Clock;
import java.time.ZoneId;
import java.util.Arrays;

import io.contactsync.api.ContactListParameters;
import io.contactsync.scoring.LeadScoringRules;
import io.contactsync.store.Channel;
import io.contactsync.store.ContactAnalytics;
import io.contactsync.store.ContactAnalyticsRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.json.JsonMapper;

/** Contact Insights: the analytics API's numbers for a date range and channel, with charts. */
@Controller("analyticsPage")
class AnalyticsPageController {

	private final ContactAnalyticsRepository analytics;

	private final LeadScoringRules rules;

	private final JsonMapper json;

	private final Clock clock;

	private final ZoneId zone;

	AnalyticsPageController(ContactAnalyticsRepository analytics, LeadScoringRules rules, JsonMapper json, Clock clock,
			ZoneId zone) {
		this.analytics = analytics;
		this.rules = rules;
		this.json = json;
		this.clock = clock;
		this.zone = zone;
	}

	@GetMapping("/analytics")
	String analytics(@RequestParam MultiValueMap<String, String> parameters, Model model) {
		FilterForm form = FilterForm.of(parameters);
		ContactAnalytics numbers = analytics.analyse(new ContactListParameters(form.parameters(), clock, zone,
				ContactListParameters.ANALYTICS, "analytics").toSearch(), rules.conversionGoals(), zone);
		model.addAttribute("form", form);
		model.addAttribute("channels", Arrays.stream(Channel.values()).map(Channel::code).toList());
		model.addAttribute("insights", numbers);
		// The charts' data, read by analytics.js from a JSON block (no inline script under the page's CSP).
		model.addAttribute("chartData", json.writeValueAsString(numbers));
		return "analytics";
	}
}
