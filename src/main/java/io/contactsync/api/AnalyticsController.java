package io.contactsync.api;

import java.time.Clock;
import java.time.ZoneId;

import io.contactsync.scoring.LeadScoringRules;
import io.contactsync.store.ContactAnalytics;
import io.contactsync.store.ContactAnalyticsRepository;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The numbers of the contact store: totals, channels, conversations, response time, conversions (the goal of
 * jobs/lead-scoring.yml), repeat visitors, temperatures, statuses and new contacts a day; for the contacts first
 * seen in a date range ({@code from}, {@code to} or {@code created}) and on a channel, as the contact list filters.
 */
@RestController
class AnalyticsController {

	private final ContactAnalyticsRepository analytics;

	private final LeadScoringRules rules;

	private final Clock clock;

	private final ZoneId zone;

	AnalyticsController(ContactAnalyticsRepository analytics, LeadScoringRules rules, Clock clock,
			ZoneId zone) {
		this.analytics = analytics;
		this.rules = rules;
		this.clock = clock;
		this.zone = zone;
	}

	@GetMapping("/api/v1/analytics")
	ContactAnalytics analytics(@RequestParam MultiValueMap<String, String> parameters) {
		return analytics.analyse(new ContactListParameters(parameters, clock, zone, ContactListParameters.ANALYTICS,
				"analytics").toSearch(), rules.conversionGoals(), zone);
	}
}
