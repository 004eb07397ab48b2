package io.contactsync.api;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.contactsync.support.ApplicationTest;
import io.contactsync.support.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

class ContactProfileApiTests extends ApplicationTest {

	@BeforeEach
	void emptyStore() {
		store.clear();
	}

	@Test
	void showsTheProfileWithChannelLabelAndEveryIdentity() throws Exception {
		long id = store.contact().name("Sheena Nelson").email("sheena@example.com").phone("+1 650 555 1234")
			.channel("frame").status("active").temperature("hot").createdAt("2025-08-20T05:02:29Z")
			.lastActivityAt(Instant.parse("2025-08-21T09:00:00Z")).insert();
		store.identity(id, "frame", "visitor-7f3a");
		store.identity(id, "whatsapp", "16505551234");

		mvc.perform(get("/api/v1/contacts/" + id).with(Tokens.VIEWER.bearer()))
			.andExpect(status().isOk())
			.andExpect(header().string("ETag", "\"0\""))
			.andExpect(jsonPath("$.name").value("Sheena Nelson"))
			.andExpect(jsonPath("$.email").value("sheena@example.com"))
			.andExpect(jsonPath("$.phone").value("+1 650 555 1234"))
			.andExpect(jsonPath("$.phone_e164").value("+16505551234"))
			.andExpect(jsonPath("$.channel").value("frame"))
			.andExpect(jsonPath("$.channel_label").value("frame (Website widget)"))
			.andExpect(jsonPath("$.created_at").value("2025-08-20T05:02:29Z"))
			.andExpect(jsonPath("$.last_activity_at").value("2025-08-21T09:00:00Z"))
			.andExpect(jsonPath("$.lead_status").value("active"))
			.andExpect(jsonPath("$.lead_temperature").value("hot"))
			.andExpect(jsonPath("$.tags").isEmpty())
			.andExpect(jsonPath("$.version").value(0))
			.andExpect(jsonPath("$.identities.length()").value(2))
			.andExpect(jsonPath("$.identities[0].channel").value("frame"))
			.andExpect(jsonPath("$.identities[0].external_id").value("visitor-7f3a"))
			.andExpect(jsonPath("$.identities[1].channel_label").value("whatsapp (WhatsApp)"))
			.andExpect(jsonPath("$.identities[1].external_id").value("16505551234"));
	}

	@Test
	void listsConversationsNewestFirstWithDurationAndCounts() throws Exception {
		long id = store.contact().insert();
		long first = store.conversation(id, "closed", Instant.parse("2025-08-01T10:00:00Z"), "Hi", "Hello!", "Pricing?");
		long second = store.conversation(id, "open", Instant.parse("2025-08-20T10:00:00Z"), "Me again");

		mvc.perform(get("/api/v1/contacts/" + id + "/conversations").with(Tokens.VIEWER.bearer()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.conversations.length()").value(2))
			.andExpect(jsonPath("$.conversations[0].id").value(second))
			.andExpect(jsonPath("$.conversations[0].status").value("open"))
			.andExpect(jsonPath("$.conversations[0].message_count").value(1))
			.andExpect(jsonPath("$.conversations[0].duration_seconds").value(0))
			.andExpect(jsonPath("$.conversations[1].id").value(first))
			.andExpect(jsonPath("$.conversations[1].channel").value("frame"))
			.andExpect(jsonPath("$.conversations[1].started_at").value("2025-08-01T10:00:00Z"))
			.andExpect(jsonPath("$.conversations[1].status").value("closed"))
			.andExpect(jsonPath("$.conversations[1].message_count").value(3))
			// two minutes of messages, closed two minutes after the last
			.andExpect(jsonPath("$.conversations[1].duration_seconds").value(240));
	}

	@Test
	void givesTheTranscriptInOrder() throws Exception {
		long id = store.contact().insert();
		long conversation = store.conversation(id, "closed", Instant.parse("2025-08-01T10:00:00Z"), "Hi",
				"Hello! How can I help?", "How much is Pro?");

		mvc.perform(get("/api/v1/conversations/" + conversation + "/messages").with(Tokens.VIEWER.bearer()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.conversation_id").value(conversation))
			.andExpect(jsonPath("$.messages[*].text").value(
					org.hamcrest.Matchers.contains("Hi", "Hello! How can I help?", "How much is Pro?")))
			.andExpect(jsonPath("$.messages[*].sender").value(org.hamcrest.Matchers.contains("visitor", "bot", "visitor")))
			.andExpect(jsonPath("$.messages[2].sent_at").value("2025-08-01T10:02:00Z"));
	}

	@Test
	void answers404ForUnknownIds() throws Exception {
		mvc.perform(get("/api/v1/contacts/424242").with(Tokens.VIEWER.bearer()))
			.andExpect(status().isNotFound())
			.andExpect(header().string("Content-Type", "application/problem+json"))
			.andExpect(jsonPath("$.detail").value("No contact 424242"));
		mvc.perform(get("/api/v1/contacts/424242/conversations").with(Tokens.VIEWER.bearer()))
			.andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/conversations/424242/messages").with(Tokens.VIEWER.bearer()))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.detail").value("No conversation 424242"));
	}

	@Test
	void answers404WithTheSurvivorForAMergedAwayContact() throws Exception {
		long survivor = store.contact().insert();
		long merged = store.contact().insert();
		store.jdbc().sql("update contact set merged_into = :s where id = :m").param("s", survivor).param("m", merged).update();

		mvc.perform(get("/api/v1/contacts/" + merged).with(Tokens.VIEWER.bearer()))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.merged_into").value(survivor))
			.andExpect(jsonPath("$.detail").value("Contact " + merged + " was merged into contact " + survivor));
	}

	@Test
	void answers400ForAnIdThatIsNotANumber() throws Exception {
		mvc.perform(get("/api/v1/contacts/abc").with(Tokens.VIEWER.bearer()))
			.andExpect(status().isBadRequest())
			.andExpect(header().string("Content-Type", "application/problem+json"));
	}
}
