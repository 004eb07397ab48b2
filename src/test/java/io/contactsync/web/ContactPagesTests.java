package io.contactsync.web;

import static io.contactsync.web.SignedInSessions.signIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.contactsync.support.ApplicationTest;
import io.contactsync.support.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The contacts page, a contact's profile with its transcripts, the edit form and deletion, as an admin sees them. */
class ContactPagesTests extends ApplicationTest {

	MockHttpSession admin;

	long olivia;

	long mason;

	long harper;

	long olderConversation;

	long newerConversation;

	@BeforeEach
	void contacts() throws Exception {
		store.clear();
		olivia = store.contact().name("Olivia Bennett").email("olivia@example.com").phone("+44 20 7946 0958")
			.createdAt("2025-08-22T05:02:29Z").status("active").temperature("hot").insert();
		store.identity(olivia, "frame", "v-olivia-7f3a");
		olderConversation = store.conversation(olivia, "closed", Instant.parse("2025-08-20T09:00:00Z"), "Hi",
				"Hello! How can I help?");
		newerConversation = store.conversation(olivia, "open", Instant.parse("2025-08-22T05:02:29Z"),
				"How much does the Pro plan cost?", "The Pro plan is $49 a month.", "Thanks");
		mason = store.contact().name("Mason Clark").email("mason@example.com").channel("telegram")
			.createdAt("2025-08-10T10:00:00Z").temperature("cold").insert();
		harper = store.contact().name("Harper Mitchell").channel("whatsapp").createdAt("2025-06-01T10:00:00Z").insert();
		admin = signIn(mvc, Tokens.ADMIN);
	}

	@Nested
	class ContactList {

		@Test
		void showsTheSeedsColumnsWithBadgesAndActions() throws Exception {
			String page = page(get("/contacts"));
			assertThat(headers(page)).containsExactly("ID", "Name", "Email", "Phone", "Channel", "Created At",
					"Last activity", "Actions");
			assertThat(page).contains("3 contacts")
				.contains("Olivia Bennett", "olivia@example.com", "+44 20 7946 0958", "2025-08-22 05:02:29")
				.contains("<span class=\"badge status-active\">active</span>")
				.contains("<span class=\"badge temp-hot\">hot</span>")
				.contains("href=\"/contacts/" + olivia + "#edit\"", "href=\"/contacts/" + olivia + "/delete\"");
			// newest first by default
			assertThat(page.indexOf("Olivia Bennett")).isLessThan(page.indexOf("Mason Clark"));
			assertThat(page.indexOf("Mason Clark")).isLessThan(page.indexOf("Harper Mitchell"));
		}

		@Test
		void filtersByChannelDateAndSearchAsTheApiDoes() throws Exception {
			assertThat(page(get("/contacts").param("channel", "telegram"))).contains("Mason Clark")
				.doesNotContain("Olivia Bennett").doesNotContain("Harper Mitchell").contains("1 contact<");
			assertThat(page(get("/contacts").param("created", "7d"))).contains("Olivia Bennett")
				.doesNotContain("Mason Clark");
			assertThat(page(get("/contacts").param("created", "range").param("from", "2025-08-01")
				.param("to", "2025-08-15"))).contains("Mason Clark").doesNotContain("Olivia Bennett")
				.contains("<option value=\"range\" selected=\"selected\">Custom range</option>");
			assertThat(page(get("/contacts").param("q", "7946 0958"))).contains("Olivia Bennett")
				.doesNotContain("Mason Clark");
			assertThat(page(get("/contacts").param("q", "MITCH"))).contains("Harper Mitchell")
				.doesNotContain("Olivia Bennett");
		}

		@Test
		void emptyFormFieldsAreNoFilterAndAPresetOutranksLeftoverDates() throws Exception {
			assertThat(page(get("/contacts").param("q", "").param("channel", "").param("created", "")
				.param("from", "").param("to", ""))).contains("3 contacts");
			assertThat(page(get("/contacts").param("created", "today").param("from", "2025-01-01"))).contains("1 contact<")
				.contains("Olivia Bennett");
		}

		@Test
		void pagingAndSortingStayInTheUrlWithTheFilter() throws Exception {
			String first = page(get("/contacts").param("size", "1").param("channel", "frame,telegram"));
			assertThat(first).contains("Olivia Bennett").doesNotContain("Mason Clark")
				.contains("href=\"/contacts?size=1&amp;channel=frame,telegram&amp;page=2\" rel=\"next\"")
				.contains("Page <span>1</span>")
				.contains("of <span>2</span>");
			String second = page(get("/contacts").param("size", "1").param("channel", "frame,telegram").param("page", "2"));
			assertThat(second).contains("Mason Clark").doesNotContain("rel=\"next\"").contains("rel=\"prev\"");

			String byCreated = page(get("/contacts").param("channel", "frame"));
			assertThat(byCreated).contains("aria-sort=\"descending\"")
				.contains("href=\"/contacts?channel=frame&amp;sort=created_at&amp;order=asc\"");
			String oldestFirst = page(get("/contacts").param("sort", "created_at").param("order", "asc"));
			assertThat(oldestFirst.indexOf("Harper Mitchell")).isLessThan(oldestFirst.indexOf("Olivia Bennett"));
			assertThat(oldestFirst).contains("aria-sort=\"ascending\"");
		}

		@Test
		void exportButtonsCarryTheFilterWithoutPagingAndDownloadTheSameContacts() throws Exception {
			String page = page(get("/contacts").param("channel", "telegram").param("page", "1").param("q", "mason"));
			assertThat(page).contains("href=\"/contacts/export?channel=telegram&amp;q=mason&amp;format=csv\"")
				.contains("href=\"/contacts/export?channel=telegram&amp;q=mason&amp;format=xlsx\"")
				.contains(">Excel</a>")
				.contains("href=\"/contacts/export?channel=telegram&amp;q=mason&amp;format=json\"");

			var export = mvc.perform(get("/contacts/export").param("channel", "telegram").param("q", "mason")
				.param("format", "csv").session(admin)).andReturn();
			mvc.perform(asyncDispatch(export))
				.andExpect(status().isOk())
				.andExpect(header().string("Content-Disposition", containsString("contacts-2025-08-22.csv")))
				.andExpect(content().string(containsString("Mason Clark")))
				.andExpect(content().string(not(containsString("Olivia Bennett"))));
		}

		@Test
		void aBadFilterIsShownAsAMessageNotAnErrorPage() throws Exception {
			mvc.perform(get("/contacts").param("from", "22.8.2025").session(admin))
				.andExpect(status().isBadRequest())
				.andExpect(content().string(containsString("from must be a date like 2025-08-22 (years 1 to 9999), not &#39;22.8.2025&#39;.")))
				.andExpect(content().string(containsString("<label for=\"q\">Search</label>")));
		}

		@Test
		void htmxGetsOnlyTheResults() throws Exception {
			String results = page(get("/contacts").param("q", "mason").header("HX-Request", "true"));
			assertThat(results).startsWith("<section id=\"results\"").contains("Mason Clark")
				.doesNotContain("<form id=\"filters\"");
		}
	}

	@Nested
	class Profile {

		private static final String OPEN_CHAT = "hubspot: goes once the chat is closed\n"
				+ "          salesforce: goes once the chat is closed\n          zoho: goes once the chat is closed";

		private static final String NO_RECORD = "hubspot: waits until the contact is in HubSpot\n"
				+ "          salesforce: waits until the contact is in Salesforce\n"
				+ "          zoho: waits until the contact is in Zoho";

		@Test
		void showsTheSeedsFieldsIdentitiesAndTheConversationLogNewestFirst() throws Exception {
			String page = page(get("/contacts/" + olivia));
			assertThat(page).contains("<h1>Olivia Bennett</h1>")
				.contains("<dt>Channel</dt><dd>frame (Website widget)</dd>")
				.contains("<dt>First contact</dt><dd>2025-08-22 05:02:29</dd>")
				.contains("v-olivia-7f3a")
				.contains("<dt>Marketing consent</dt><dd>not given</dd>")
				.doesNotContain("<dt>Erasure</dt>")
				.contains("Not scored yet");
			assertThat(rows(page, "conversations")).containsExactly(
					List.of("2", "2025-08-22 05:02:29", "frame", "2 min 0 s", "3", "open", OPEN_CHAT),
					List.of("1", "2025-08-20 09:00:00", "frame", "3 min 0 s", "2", "closed", NO_RECORD));
			assertThat(page).contains("hx-get=\"/conversations/" + newerConversation + "\"");
		}

		@Test
		void eachConversationSaysWhereItWasPushedOrWhyNot() throws Exception {
			store.jdbc().sql("""
					insert into crm_link (contact_id, target, crm_id, status) values (:id, 'hubspot', '501', 'synced')""")
				.param("id", olivia).update();
			store.jdbc().sql("""
					insert into crm_activity_link (conversation_id, target, contact_id, parent_crm_id, crm_id, kind,
					                               message_count, status)
					values (:conversation, 'hubspot', :id, '501', '90001', 'note', 2, 'synced')""")
				.param("conversation", olderConversation).param("id", olivia).update();

			List<List<String>> rows = rows(page(get("/contacts/" + olivia)), "conversations");

			assertThat(rows.get(1).get(6)).contains("hubspot: note 90001")
				.contains("salesforce: waits until the contact is in Salesforce")
				.contains("zoho: waits until the contact is in Zoho");
			assertThat(rows.get(0).get(6)).contains("hubspot: goes once the chat is closed");
		}

		@Test
		void showsTheAttributesCapturesGaveIncludingAValueKeptAsGiven() throws Exception {
			store.jdbc().sql("update contact set attributes = '{\"company\": \"Acme\", \"email_as_given\": \"olivia@@x\"}'"
					+ " where id = :id").param("id", olivia).update();

			String page = page(get("/contacts/" + olivia));

			assertThat(page).contains("<dt>company</dt><dd>Acme</dd>").contains("<dt>email_as_given</dt><dd>olivia@@x</dd>");
		}

		@Test
		void aClickOnAConversationOpensItsTranscript() throws Exception {
			String fragment = page(get("/conversations/" + newerConversation).header("HX-Request", "true"));
			assertThat(fragment).startsWith("<section class=\"transcript\"")
				.contains("How much does the Pro plan cost?", "The Pro plan is $49 a month.");
			assertThat(fragment.indexOf("How much")).isLessThan(fragment.indexOf("The Pro plan is"));
			assertThat(page(get("/conversations/" + olderConversation))).contains("<nav aria-label=\"Dashboard\">")
				.contains("Hello! How can I help?");
			mvc.perform(get("/conversations/999999").session(admin)).andExpect(status().isNotFound())
				.andExpect(content().string(containsString("No conversation 999999")));
		}

		@Test
		void aMissingContactIsA404Page() throws Exception {
			mvc.perform(get("/contacts/999999").session(admin))
				.andExpect(status().isNotFound())
				.andExpect(content().string(containsString("No contact 999999")));
		}

		@Test
		void anEditWithBadFieldsShowsEachMessageNextToItsFieldAndSavesNothing() throws Exception {
			mvc.perform(edit("Olivia B.", "not-an-email", "12", "vip").session(admin))
				.andExpect(status().isUnprocessableContent())
				.andExpect(content().string(containsString("Nothing was saved")))
				.andExpect(content().string(containsString(
						"<p id=\"error-email\" class=\"field-error\">email &#39;not-an-email&#39; is not an email address")))
				.andExpect(content().string(containsString("<p id=\"error-phone\" class=\"field-error\">phone &#39;12&#39;")))
				.andExpect(content().string(containsString("aria-describedby=\"error-email\"")))
				.andExpect(content().string(not(containsString("error-name"))))
				// what the person typed stays in the form
				.andExpect(content().string(containsString("value=\"Olivia B.\"")));
			assertThat(field("name")).isEqualTo("Olivia Bennett");
		}

		@Test
		void aGoodEditIsSavedAuditedAndShown() throws Exception {
			mvc.perform(edit("Olivia Bennett-Smith", "olivia.smith@example.com", "020 7946 0000", "vip, pricing")
				.param("notes", "Wants a demo").session(admin)).andExpect(redirectedUrl("/contacts/" + olivia));
			assertThat(field("name")).isEqualTo("Olivia Bennett-Smith");
			assertThat(field("phone_e164")).isEqualTo("+442079460000");
			assertThat(field("array_to_string(tags, ',')")).isEqualTo("vip,pricing");
			assertThat(store.jdbc().sql("select actor from audit_event where action = 'contact.updated'")
				.query(String.class).single()).isEqualTo("admin");
			String page = page(get("/contacts/" + olivia));
			assertThat(page).contains("<dt>Notes</dt><dd class=\"notes\">Wants a demo</dd>").contains("vip, pricing");
		}

		@Test
		void anEditOverSomeoneElsesIsRefusedWithWhatToDo() throws Exception {
			store.jdbc().sql("update contact set version = 3 where id = :id").param("id", olivia).update();
			mvc.perform(edit("Olivia X", "", "", "").session(admin))
				.andExpect(status().isConflict())
				.andExpect(content().string(containsString("was changed by someone else")));
			assertThat(field("name")).isEqualTo("Olivia Bennett");
		}
	}

	@Nested
	class Delete {

		@Test
		void theConfirmationSaysWhatGoesThatItCannotBeUndoneAndTheOpenConversationRule() throws Exception {
			String page = page(get("/contacts/" + olivia + "/delete"));
			assertThat(page.replaceAll("\\s+", " "))
				.contains("This removes contact <strong>" + olivia + "</strong> with <strong>1</strong> channel identities,"
						+ " <strong>2</strong> conversations and <strong>5</strong> messages.")
				.contains("It cannot be undone.")
				.contains("<span>1</span> of its conversations <span>is</span> still open")
				.contains("Close its open conversations first, then delete");
		}

		@Test
		void aContactWithAnOpenConversationIsKeptUnlessThePersonClosesItFirst() throws Exception {
			mvc.perform(post("/contacts/" + olivia + "/delete").session(admin).with(csrf()))
				.andExpect(status().isConflict())
				.andExpect(content().string(containsString("has 1 open conversation")));
			assertThat(store.count("contact")).isEqualTo(3);

			mvc.perform(post("/contacts/" + olivia + "/delete").param("closeConversations", "true").session(admin)
				.with(csrf())).andExpect(redirectedUrl("/contacts"));
			assertThat(store.count("contact")).isEqualTo(2);
			assertThat(store.count("message")).isZero();
			mvc.perform(get("/contacts/" + olivia).session(admin)).andExpect(status().isNotFound());
		}

		@Test
		void aContactWithoutOpenConversationsGoesAtOnce() throws Exception {
			mvc.perform(post("/contacts/" + mason + "/delete").session(admin).with(csrf()))
				.andExpect(redirectedUrl("/contacts"));
			assertThat(page(get("/contacts"))).doesNotContain("Mason Clark");
		}
	}

	private MockHttpServletRequestBuilder edit(String name, String email, String phone, String tags) {
		return post("/contacts/" + olivia).param("name", name).param("email", email).param("phone", phone)
			.param("tags", tags).param("version", "0").with(csrf());
	}

	private String page(MockHttpServletRequestBuilder request) throws Exception {
		return mvc.perform(request.session(admin)).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString();
	}

	private String field(String column) {
		return store.jdbc().sql("select " + column + " from contact where id = :id").param("id", olivia)
			.query(String.class).single();
	}

	/** The column headers of the page's first table. */
	static List<String> headers(String page) {
		String head = page.substring(page.indexOf("<thead>"), page.indexOf("</thead>"));
		return Pattern.compile("<th[^>]*>(.*?)</th>", Pattern.DOTALL).matcher(head).results()
			.map(match -> match.group(1).replaceAll("<[^>]+>", "").strip())
			.toList();
	}

	/** The cells of each body row of the table with the given class, as text. */
	static List<List<String>> rows(String page, String tableClass) {
		String table = page.substring(page.indexOf("<table class=\"" + tableClass + "\""));
		String body = table.substring(table.indexOf("<tbody>"), table.indexOf("</tbody>"));
		Matcher rows = Pattern.compile("<tr>(.*?)</tr>", Pattern.DOTALL).matcher(body);
		return rows.results()
			.map(row -> Pattern.compile("<t[dh][^>]*>(.*?)</t[dh]>", Pattern.DOTALL).matcher(row.group(1)).results()
				.map(cell -> cell.group(1).replaceAll("<[^>]+>", "").strip())
				.toList())
			.toList();
	}
}
