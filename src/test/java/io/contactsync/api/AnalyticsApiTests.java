package io.contactsync.api;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;

import io.contactsync.support.ApplicationTest;
import io.contactsync.support.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * GET /api/v1/analytics on a store of four contacts whose every number is known:
 * <pre>
 *  Ann    frame     2025-08-20  email        hot  active     2 conversations, first responses 10 s and 30 s
 *  Bob    frame     2025-08-20  phone        warm new        1 conversation, first response 20 s
 *  Cleo   telegram  2025-08-21  —            cold follow_up  1 conversation, no response
 *  Dan    whatsapp  2025-08-10  email        —    new        1 conversation, no response
 *  Eve    frame     2025-08-20  merged into Ann: never counted
 * </pre>
 */
class AnalyticsApiTests extends ApplicationTest {

	@BeforeEach
	void fourContacts() {
		store.clear();
		long ann = store.contact().name("Ann").channel("frame").createdAt("2025-08-20T09:00:00Z").email("ann@example.com")
			.temperature("hot").status("active").insert();
		long bob = store.contact().name("Bob").channel("frame").createdAt("2025-08-20T23:30:00Z")
			.phone("+44 20 7946 0958").temperature("warm").status("new").insert();
		long cleo = store.contact().name("Cleo").channel("telegram").createdAt("2025-08-21T10:00:00Z")
			.temperature("cold").status("follow_up").insert();
		long dan = store.contact().name("Dan").channel("whatsapp").createdAt("2025-08-10T10:00:00Z")
			.email("dan@example.com").insert();
		long eve = store.contact().name("Eve").channel("frame").createdAt("2025-08-20T10:00:00Z").email("eve@example.com")
			.insert();
		store.jdbc().sql("update contact set merged_into = :ann where id = :eve").param("ann", ann).param("eve", eve)
			.update();
		respondedIn(store.conversation(ann, "closed", Instant.parse("2025-08-20T09:00:00Z"), "Hi", "Hello"), 10);
		respondedIn(store.conversation(ann, "closed", Instant.parse("2025-08-21T09:00:00Z"), "Hi", "Hello"), 30);
		respondedIn(store.conversation(bob, "closed", Instant.parse("2025-08-20T23:30:00Z"), "Hi", "Hello"), 20);
		store.conversation(cleo, "open", Instant.parse("2025-08-21T10:00:00Z"), "Hi");
		store.conversation(dan, "open", Instant.parse("2025-08-10T10:00:00Z"), "Hi");
		store.conversation(eve, "open", Instant.parse("2025-08-20T10:00:00Z"), "Hi");
	}

	@Test
	void everyNumberOfTheWholeStore() throws Exception {
		mvc.perform(get("/api/v1/analytics").with(Tokens.VIEWER.bearer()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.total_contacts").value(4))
			.andExpect(jsonPath("$.channels[0].channel").value("frame"))
			.andExpect(jsonPath("$.channels[0].label").value("frame (Website widget)"))
			.andExpect(jsonPath("$.channels[0].contacts").value(2))
			.andExpect(jsonPath("$.channels[0].percent").value(50.0))
			.andExpect(jsonPath("$.channels[1].channel").value("telegram"))
			.andExpect(jsonPath("$.channels[1].percent").value(25.0))
			.andExpect(jsonPath("$.channels[2].channel").value("whatsapp"))
			.andExpect(jsonPath("$.channels.length()").value(3))
			.andExpect(jsonPath("$.average_conversations_per_contact").value(1.25))
			.andExpect(jsonPath("$.average_first_response_seconds").value(20.0))
			.andExpect(jsonPath("$.conversion.contacts").value(3))
			.andExpect(jsonPath("$.conversion.percent").value(75.0))
			.andExpect(jsonPath("$.conversion_goals[0]").value("email"))
			.andExpect(jsonPath("$.conversion_goals[1]").value("phone"))
			.andExpect(jsonPath("$.repeat_visitors.contacts").value(1))
			.andExpect(jsonPath("$.repeat_visitors.percent").value(25.0))
			.andExpect(jsonPath("$.temperatures.hot").value(1))
			.andExpect(jsonPath("$.temperatures.warm").value(1))
			.andExpect(jsonPath("$.temperatures.cold").value(1))
			.andExpect(jsonPath("$.temperatures.unscored").value(1))
			.andExpect(jsonPath("$.statuses.new").value(2))
			.andExpect(jsonPath("$.statuses.active").value(1))
			.andExpect(jsonPath("$.statuses.follow_up").value(1))
			.andExpect(jsonPath("$.statuses.archived").value(0))
			.andExpect(jsonPath("$.new_contacts_per_day.length()").value(12))
			.andExpect(jsonPath("$.new_contacts_per_day[0].day").value("2025-08-10"))
			.andExpect(jsonPath("$.new_contacts_per_day[0].contacts").value(1))
			.andExpect(jsonPath("$.new_contacts_per_day[1].contacts").value(0))
			.andExpect(jsonPath("$.new_contacts_per_day[10].day").value("2025-08-20"))
			.andExpect(jsonPath("$.new_contacts_per_day[10].contacts").value(2))
			.andExpect(jsonPath("$.new_contacts_per_day[11].day").value("2025-08-21"))
			.andExpect(jsonPath("$.new_contacts_per_day[11].contacts").value(1));
	}

	@Test
	void aDateRangeAndAChannelNarrowEveryNumber() throws Exception {
		mvc.perform(get("/api/v1/analytics?from=2025-08-15&to=2025-08-22").with(Tokens.VIEWER.bearer()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.total_contacts").value(3))
			.andExpect(jsonPath("$.channels[0].percent").value(66.7))
			.andExpect(jsonPath("$.channels[1].percent").value(33.3))
			.andExpect(jsonPath("$.average_conversations_per_contact").value(1.33))
			.andExpect(jsonPath("$.conversion.percent").value(66.7))
			.andExpect(jsonPath("$.repeat_visitors.percent").value(33.3))
			.andExpect(jsonPath("$.new_contacts_per_day.length()").value(2));
		mvc.perform(get("/api/v1/analytics?channel=frame&from=2025-08-20&to=2025-08-20").with(Tokens.VIEWER.bearer()))
			.andExpect(jsonPath("$.total_contacts").value(2))
			.andExpect(jsonPath("$.channels[0].percent").value(100.0))
			.andExpect(jsonPath("$.average_conversations_per_contact").value(1.5))
			.andExpect(jsonPath("$.average_first_response_seconds").value(20.0))
			.andExpect(jsonPath("$.conversion.percent").value(100.0))
			.andExpect(jsonPath("$.new_contacts_per_day[0].contacts").value(2));
	}

	@Test
	void anEmptySelectionHasZerosNotErrors() throws Exception {
		mvc.perform(get("/api/v1/analytics?channel=livechat").with(Tokens.VIEWER.bearer()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.total_contacts").value(0))
			.andExpect(jsonPath("$.channels.length()").value(0))
			.andExpect(jsonPath("$.conversion.percent").value(0.0))
			.andExpect(jsonPath("$.average_first_response_seconds").isEmpty())
			.andExpect(jsonPath("$.new_contacts_per_day.length()").value(0));
	}

	@Test
	void aParameterOfTheListThatAnalyticsDoesNotTakeIsRefused() throws Exception {
		mvc.perform(get("/api/v1/analytics?q=smith").with(Tokens.VIEWER.bearer()))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value("Unknown parameter 'q'; analytics takes channel, created, from, to."));
		mvc.perform(get("/api/v1/analytics")).andExpect(status().isUnauthorized());
	}

	private void respondedIn(long conversationId, int seconds) {
		store.jdbc().sql("update conversation set first_response_seconds = :s where id = :id").param("s", seconds)
			.param("id", conversationId).update();
	}
}
