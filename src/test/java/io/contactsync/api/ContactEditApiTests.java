package io.contactsync.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.Map;

import io.contactsync.support.ApplicationTest;
import io.contactsync.support.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

class ContactEditApiTests extends ApplicationTest {

	long id;

	@BeforeEach
	void aContact() {
		store.clear();
		id = store.contact().name("Jane Doe").email("jane@example.com").phone("+44 20 7946 0958").insert();
	}

	@Nested
	class Patch {

		@Test
		void changesOnlyTheGivenFieldsAndKeepsThePhoneAsWrittenWithItsE164Form() throws Exception {
			edit("""
					{"name": " Jane Smith ", "phone": "020 7946 0000", "tags": ["vip", "pricing", "vip"], "version": 0}""")
				.andExpect(status().isOk())
				.andExpect(header().string("ETag", "\"1\""))
				.andExpect(jsonPath("$.name").value("Jane Smith"))
				.andExpect(jsonPath("$.email").value("jane@example.com"))
				.andExpect(jsonPath("$.phone").value("020 7946 0000"))
				.andExpect(jsonPath("$.phone_e164").value("+442079460000"))
				.andExpect(jsonPath("$.tags").value(org.hamcrest.Matchers.contains("vip", "pricing")))
				.andExpect(jsonPath("$.version").value(1));

			mvc.perform(get("/api/v1/contacts/" + id).with(Tokens.VIEWER.bearer()))
				.andExpect(jsonPath("$.name").value("Jane Smith"))
				.andExpect(jsonPath("$.phone_e164").value("+442079460000"));
		}

		@Test
		void clearsAFieldGivenAsNull() throws Exception {
			edit("{\"email\": null, \"notes\": \"Called back\", \"version\": 0}")
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.email").doesNotExist())
				.andExpect(jsonPath("$.notes").value("Called back"));
		}

		@Test
		void takesTheVersionFromIfMatch() throws Exception {
			mvc.perform(patch("/api/v1/contacts/" + id).with(Tokens.ADMIN.bearer())
				.contentType(MediaType.APPLICATION_JSON)
				.header("If-Match", "\"0\"")
				.content("{\"notes\": \"via If-Match\"}")).andExpect(status().isOk()).andExpect(jsonPath("$.version").value(1));
		}

		@Test
		void refusesAStaleVersionWith409AndLeavesTheContactAsItWas() throws Exception {
			edit("{\"name\": \"First\", \"version\": 0}").andExpect(status().isOk());

			edit("{\"name\": \"Second\", \"version\": 0}")
				.andExpect(status().isConflict())
				.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("at version 1, not 0")));
			mvc.perform(get("/api/v1/contacts/" + id).with(Tokens.VIEWER.bearer())).andExpect(jsonPath("$.name").value("First"));
		}

		@Test
		void asksForTheVersionWhenNoneIsSent() throws Exception {
			edit("{\"name\": \"No version\"}").andExpect(status().isPreconditionRequired());
		}

		@ParameterizedTest
		@ValueSource(strings = { "{\"email\": \"jane@\", \"version\": 0}", "{\"email\": \"jane example.com\", \"version\": 0}",
				"{\"phone\": \"call me\", \"version\": 0}", "{\"phone\": \"+44 20\", \"version\": 0}",
				"{\"lead_status\": \"active\", \"version\": 0}", "{\"tags\": \"vip\", \"version\": 0}",
				"{\"tags\": [\"\"], \"version\": 0}", "{\"name\": 42, \"version\": 0}", "{\"version\": 0}",
				"{\"name\": \"x\", \"version\": \"zero\"}", "[1, 2]", "{not json" })
		void refusesInvalidEditsWith400AndChangesNothing(String body) throws Exception {
			edit(body).andExpect(status().isBadRequest()).andExpect(jsonPath("$.detail").isNotEmpty());

			mvc.perform(get("/api/v1/contacts/" + id).with(Tokens.VIEWER.bearer()))
				.andExpect(jsonPath("$.version").value(0))
				.andExpect(jsonPath("$.email").value("jane@example.com"));
		}

		@Test
		void auditsWhoChangedWhichFieldsWithoutTheValues() throws Exception {
			edit("{\"name\": \"Jane Smith\", \"email\": \"smith@example.com\", \"version\": 0}").andExpect(status().isOk());

			Map<String, Object> event = store.jdbc()
				.sql("select actor, action, entity_id, details::text as details from audit_event")
				.query()
				.singleRow();
			assertThat(event).containsEntry("actor", "admin").containsEntry("action", "contact.updated")
				.containsEntry("entity_id", id);
			assertThat((String) event.get("details")).contains("email", "name").doesNotContain("smith@example.com");
		}

		@Test
		void answers404ForAnUnknownContact() throws Exception {
			mvc.perform(patch("/api/v1/contacts/424242").with(Tokens.ADMIN.bearer())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\": \"x\", \"version\": 0}")).andExpect(status().isNotFound());
		}

		private org.springframework.test.web.servlet.ResultActions edit(String body) throws Exception {
			return mvc.perform(patch("/api/v1/contacts/" + id).with(Tokens.ADMIN.bearer())
				.contentType(MediaType.APPLICATION_JSON)
				.content(body));
		}
	}

	@Nested
	class Delete {

		@Test
		void removesTheContactWithItsIdentitiesConversationsAndMessages() throws Exception {
			long other = store.contact().name("Other").insert();
			store.identity(id, "telegram", "111");
			store.identity(other, "telegram", "222");
			store.conversation(id, "closed", Instant.parse("2025-08-01T10:00:00Z"), "Hi", "Hello");
			store.conversation(other, "closed", Instant.parse("2025-08-01T10:00:00Z"), "Hey");

			mvc.perform(remove("")).andExpect(status().isNoContent());

			mvc.perform(get("/api/v1/contacts/" + id).with(Tokens.VIEWER.bearer())).andExpect(status().isNotFound());
			assertThat(store.count("contact")).isEqualTo(1);
			assertThat(store.count("contact_identity")).isEqualTo(1);
			assertThat(store.count("conversation")).isEqualTo(1);
			assertThat(store.count("message")).isEqualTo(1);
		}

		@Test
		void refusesWhileAConversationIsOpenAndSaysWhatToDo() throws Exception {
			store.conversation(id, "open", Instant.parse("2025-08-21T10:00:00Z"), "Are you there?");

			mvc.perform(remove(""))
				.andExpect(status().isConflict())
				.andExpect(jsonPath("$.detail").value("Contact " + id + " has 1 open conversation. Wait until they are "
						+ "closed, or delete with closeConversations=true to close them first."));
			assertThat(store.count("contact")).isEqualTo(1);
			assertThat(store.count("message")).isEqualTo(1);
		}

		@Test
		void closesOpenConversationsFirstWhenAskedAndAuditsIt() throws Exception {
			store.conversation(id, "open", Instant.parse("2025-08-21T10:00:00Z"), "Are you there?");

			mvc.perform(remove("?closeConversations=true")).andExpect(status().isNoContent());

			assertThat(store.count("contact")).isZero();
			assertThat(store.count("message")).isZero();
			Map<String, Object> event = store.jdbc()
				.sql("select actor, action, entity_id, details->>'closedConversations' as closed from audit_event")
				.query()
				.singleRow();
			assertThat(event).containsEntry("actor", "admin").containsEntry("action", "contact.deleted")
				.containsEntry("entity_id", id).containsEntry("closed", "1");
		}

		@Test
		void answers404ForAnUnknownOrAlreadyDeletedContact() throws Exception {
			mvc.perform(remove("")).andExpect(status().isNoContent());
			mvc.perform(remove("")).andExpect(status().isNotFound());
		}

		private MockHttpServletRequestBuilder remove(String query) {
			return delete("/api/v1/contacts/" + id + query).with(Tokens.ADMIN.bearer());
		}
	}
}
