package io.contactsync.web;

import static io.contactsync.web.SignedInSessions.signIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;

import io.contactsync.support.ApplicationTest;
import io.contactsync.support.Tokens;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;

/** The profile's privacy controls: erasure request and cancellation, subject export and consent, for admins only. */
class ContactPrivacyPageTests extends ApplicationTest {

	MockHttpSession admin;

	long olivia;

	@BeforeEach
	void aContactWithAnOpenConversation() throws Exception {
		store.clear();
		olivia = store.contact().name("Olivia Bennett").email("olivia@example.com").insert();
		store.conversation(olivia, "open", Instant.parse("2025-08-22T05:02:29Z"), "Are you there?");
		admin = signIn(mvc, Tokens.ADMIN);
	}

	@Test
	void anErasureIsRequestedWithItsDueDateShownAndCancelledUntilThen() throws Exception {
		assertThat(profile(admin)).contains("grace period of <span>30</span> days", "Request erasure");

		mvc.perform(post("/contacts/" + olivia + "/erasure").session(admin).with(csrf()))
			.andExpect(redirectedUrl("/contacts/" + olivia))
			.andExpect(flash().attribute("notice", Matchers.containsString("removes every trace of this contact")));
		assertThat(profile(admin)).contains("Erasure requested by <span>admin</span>", "Cancel the erasure request")
			.doesNotContain("Request erasure");
		assertThat(store.jdbc().sql("select status from conversation").query(String.class).single())
			.as("open conversations are closed by the request").isEqualTo("closed");

		mvc.perform(post("/contacts/" + olivia + "/erasure/cancel").session(admin).with(csrf()))
			.andExpect(flash().attribute("notice", "The erasure request was cancelled."));
		assertThat(profile(admin)).contains("Request erasure");
	}

	@Test
	void cancellingFromAPageOlderThanTheCancellationSaysThereIsNothingToCancel() throws Exception {
		mvc.perform(post("/contacts/" + olivia + "/erasure/cancel").session(admin).with(csrf()))
			.andExpect(redirectedUrl("/contacts/" + olivia))
			.andExpect(flash().attribute("notice", Matchers.containsString("has no erasure request waiting")));
	}

	@Test
	void withoutAGracePeriodTheCancellationIsRefusedWithWhy() throws Exception {
		mvc.perform(post("/contacts/" + olivia + "/erasure").param("now", "true").session(admin).with(csrf()))
			.andExpect(redirectedUrl("/contacts/" + olivia));

		mvc.perform(post("/contacts/" + olivia + "/erasure/cancel").session(admin).with(csrf()))
			.andExpect(flash().attribute("notice", Matchers.containsString("can no longer be cancelled")));
	}

	@Test
	void theSubjectExportDownloadsEverythingAsJson() throws Exception {
		String json = mvc.perform(get("/contacts/" + olivia + "/subject-export").session(admin))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Disposition", Matchers.containsString("subject-export.json")))
			.andReturn().getResponse().getContentAsString();

		assertThat(json).contains("\"name\": \"Olivia Bennett\"", "Are you there?", "contact.subject_exported");
	}

	@Test
	void consentIsRecordedWithWhereThePersonSaidIt() throws Exception {
		mvc.perform(post("/contacts/" + olivia + "/consent").param("marketing", "opted_out").param("source", "phone call")
			.session(admin).with(csrf())).andExpect(redirectedUrl("/contacts/" + olivia));

		assertThat(profile(admin)).contains("opted out 2025-08-22");
		assertThat(store.jdbc().sql("select opt_out_source from contact").query(String.class).single())
			.isEqualTo("phone call");
		mvc.perform(post("/contacts/" + olivia + "/consent").param("marketing", "maybe").session(admin).with(csrf()))
			.andExpect(status().isBadRequest());
	}

	@Test
	void viewersAndOperatorsSeeNoPrivacyControlsAndAreRefusedThem() throws Exception {
		for (Tokens role : new Tokens[] { Tokens.VIEWER, Tokens.OPERATOR }) {
			MockHttpSession session = signIn(mvc, role);
			assertThat(profile(session)).doesNotContain("Request erasure", "subject-export", "Marketing consent</h3>");
			mvc.perform(get("/contacts/" + olivia + "/subject-export").session(session)).andExpect(status().isForbidden());
			mvc.perform(post("/contacts/" + olivia + "/erasure").session(session).with(csrf()))
				.andExpect(status().isForbidden());
			mvc.perform(post("/contacts/" + olivia + "/consent").param("marketing", "given").session(session)
				.with(csrf())).andExpect(status().isForbidden());
		}
		assertThat(store.count("audit_event")).isZero();
	}

	private String profile(MockHttpSession session) throws Exception {
		return mvc.perform(get("/contacts/" + olivia).session(session)).andExpect(status().isOk()).andReturn()
			.getResponse().getContentAsString();
	}
}
