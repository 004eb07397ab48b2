package io.contactsync.crm;

import static io.contactsync.web.SignedInSessions.signIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.contactsync.support.ApplicationTest;
import io.contactsync.support.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.web.util.HtmlUtils;

/** The dashboard's CRM page and the profile's CRM links, after a push to a HubSpot stub. */
class CrmSyncPageTests extends ApplicationTest {

	private static final HubSpotStub hubspot = new HubSpotStub();

	@RegisterExtension
	static final CrmStubServer server = new CrmStubServer(hubspot);

	private long ann;

	private long refused;

	@BeforeEach
	void aPush() {
		server.hubspotCredentials();
		server.answer(WireMock.post(WireMock.urlPathMatching("/crm/v3/objects/contacts/batch/(upsert|update)")));
		hubspot.clear();
		store.clear();
		history.clearHistory();
		ann = store.contact().name("Ann Lee").email("ann@example.com").insert();
		refused = store.contact().name("Bad Address").email("someone@invalid").insert();
		pushes.push("hubspot");
	}

	@Test
	void showsTheMappingTheLastPushAndTheContactsThatFailedWithTheCrmsWords() throws Exception {
		MockHttpSession viewer = signIn(mvc, Tokens.VIEWER);

		mvc.perform(get("/crm/hubspot").session(viewer))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("mappings/hubspot.yml"),
					containsString("<code>contact_sync_channel</code>"), containsString("if-empty"),
					containsString("1 created, 0 updated, 0 unchanged, 1 failed"),
					containsString("href=\"/contacts/" + refused + "\""), containsString("INVALID_EMAIL: Property values"),
					not(containsString("Check against the CRM now")))));
	}

	@Test
	void previewsTheExactRequestForOneContact() throws Exception {
		MockHttpSession viewer = signIn(mvc, Tokens.VIEWER);
		store.jdbc().sql("update contact set name = 'Ann Leigh' where id = :id").param("id", ann).update();

		mvc.perform(get("/crm/hubspot").param("contact", Long.toString(ann)).session(viewer))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("Contact " + ann + ": update"),
					containsString("&quot;id&quot;:&quot;" + hubspot.id("ann@example.com") + "&quot;"),
					containsString("&quot;lastname&quot;:&quot;Leigh&quot;"), containsString("<td>Lee</td><td>Leigh</td>"))));
		mvc.perform(get("/crm/hubspot").param("contact", "ann@example.com").session(viewer))
			.andExpect(status().isBadRequest());
		mvc.perform(get("/crm/nowhere").session(viewer)).andExpect(status().isNotFound());
	}

	@Test
	void anOperatorChecksTheMappingAgainstTheCrmNow() throws Exception {
		hubspot.schema().remove("contact_sync_created");

		mvc.perform(post("/crm/hubspot/check").with(csrf()).session(signIn(mvc, Tokens.OPERATOR)))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("1 problem against HubSpot&#39;s live schema of contacts"),
					containsString("HubSpot has no field contact_sync_created on contacts (PROPERTY_DOESNT_EXIST)"))));
		mvc.perform(post("/crm/hubspot/check").with(csrf()).session(signIn(mvc, Tokens.VIEWER)))
			.andExpect(status().isForbidden());
	}

	@Test
	void anOperatorPushesTheFailedContactsAgainFromThePage() throws Exception {
		MockHttpSession operator = signIn(mvc, Tokens.OPERATOR);
		String page = mvc.perform(get("/crm/hubspot").session(operator)).andReturn().getResponse().getContentAsString();
		assertThat(page).contains("Push the 1 failed contacts again");
		Matcher form = Pattern.compile("<form[^>]*action=\"(/jobs/crm-push/launch)\"[^>]*>.*?"
				+ "name=\"parameters\" value=\"([^\"]*)\"", Pattern.DOTALL).matcher(page);
		assertThat(form.find()).as("the retry form in %s", page).isTrue();
		store.jdbc().sql("update contact set email = 'fixed@example.com' where id = :id").param("id", refused).update();

		String location = mvc.perform(post(form.group(1)).param("parameters", HtmlUtils.htmlUnescape(form.group(2)))
			.session(operator).with(csrf())).andExpect(status().isFound()).andReturn().getResponse().getRedirectedUrl();

		JobExecution run = awaitEnd(Long.parseLong(location.substring(location.lastIndexOf('/') + 1)));
		assertThat(run.getJobParameters().getString("failedOnly")).isEqualTo("true");
		assertThat(hubspot.records()).containsKey("fixed@example.com").hasSize(2);
		assertThat(mvc.perform(get("/crm/hubspot").session(operator)).andReturn().getResponse().getContentAsString())
			.doesNotContain("failed contacts again");
		assertThat(mvc.perform(get("/crm/hubspot").session(signIn(mvc, Tokens.VIEWER))).andReturn().getResponse()
			.getContentAsString()).doesNotContain("/jobs/crm-push/launch");
	}

	private JobExecution awaitEnd(long id) throws InterruptedException {
		Instant deadline = Instant.now().plusSeconds(60);
		JobExecution run = jobs.execution(id);
		while (run.isRunning() && Instant.now().isBefore(deadline)) {
			Thread.sleep(100);
			run = jobs.execution(id);
		}
		return run;
	}

	@Test
	void theProfileListsTheContactsCrmLinks() throws Exception {
		mvc.perform(get("/contacts/" + ann).session(signIn(mvc, Tokens.ADMIN)))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("In the CRMs"),
					containsString("<code>" + hubspot.id("ann@example.com") + "</code>"), containsString("<td>synced</td>"))));
	}
}
