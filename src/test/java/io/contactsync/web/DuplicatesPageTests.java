package io.contactsync.web;

import static io.contactsync.web.SignedInSessions.signIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Map;

import io.contactsync.support.ApplicationTest;
import io.contactsync.support.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;

/** The duplicates page on a candidate the dedup job found: side by side with evidence, merge, undo, dismiss. */
class DuplicatesPageTests extends ApplicationTest {

	long olivia;

	long mary;

	long candidate;

	@BeforeEach
	void aCandidateFromTheDedupJob() {
		store.clear();
		history.clearHistory();
		olivia = store.contact().name("Olivia Bennett").email("olivia@example.com").createdAt("2025-08-01T10:00:00Z")
			.insert();
		mary = store.contact().name("Mary Bennett").email("olivia@example.com").channel("telegram")
			.createdAt("2025-08-02T10:00:00Z").insert();
		jobs.run("dedup", Map.of());
		candidate = store.jdbc().sql("select id from duplicate_candidate where status = 'pending'").query(Long.class)
			.single();
	}

	@Test
	void showsThePairSideBySideWithTheEvidence() throws Exception {
		String page = page(Tokens.VIEWER);
		assertThat(ContactPagesTests.headers(page)).containsExactly("Field", "Contact " + olivia, "Contact " + mary);
		assertThat(ContactPagesTests.rows(page, "side-by-side")).contains(
				List.of("Name", "Olivia Bennett", "Mary Bennett"),
				List.of("Email", "olivia@example.com", "olivia@example.com"),
				List.of("Channel", "frame", "telegram"));
		assertThat(ContactPagesTests.rows(page, "evidence")).anySatisfy(row -> assertThat(row).startsWith("email", "1.0"));
		assertThat(page).contains("<strong>1</strong> waiting.").contains("No merges yet.");
	}

	@Test
	void aViewerSeesNoDecisionsAndCannotMake() throws Exception {
		assertThat(page(Tokens.VIEWER)).doesNotContain("Merge, keeping").doesNotContain("Not the same person");
		MockHttpSession viewer = signIn(mvc, Tokens.VIEWER);
		mvc.perform(post("/duplicates/" + candidate + "/merge").param("survivor", "" + mary).session(viewer).with(csrf()))
			.andExpect(status().isForbidden());
		mvc.perform(post("/duplicates/" + candidate + "/dismiss").session(viewer).with(csrf()))
			.andExpect(status().isForbidden());
		assertThat(store.count("merge_record")).isZero();
	}

	@Test
	void anAdminMergesKeepingTheChosenContactThenUndoesIt() throws Exception {
		MockHttpSession admin = signIn(mvc, Tokens.ADMIN);
		assertThat(page(Tokens.ADMIN)).contains("Merge, keeping").contains("value=\"" + mary + "\"");

		mvc.perform(post("/duplicates/" + candidate + "/merge").param("survivor", "" + mary).session(admin).with(csrf()))
			.andExpect(redirectedUrl("/duplicates"));
		assertThat(store.jdbc().sql("select merged_into from contact where id = :id").param("id", olivia)
			.query(Long.class).single()).isEqualTo(mary);
		String after = page(Tokens.ADMIN);
		assertThat(after).contains("No duplicates are waiting");
		long merge = store.jdbc().sql("select id from merge_record").query(Long.class).single();
		assertThat(ContactPagesTests.rows(after, "merges").get(0)).startsWith("" + merge, "" + mary, "" + olivia)
			.contains("no", "admin");

		mvc.perform(post("/merges/" + merge + "/undo").session(admin).with(csrf())).andExpect(redirectedUrl("/duplicates"));
		assertThat(store.jdbc().sql("select count(*) from contact where merged_into is null").query(Long.class).single())
			.isEqualTo(2);
		assertThat(page(Tokens.ADMIN)).doesNotContain("aria-label=\"Undo merge " + merge + "\"");

		mvc.perform(post("/merges/" + merge + "/undo").session(admin).with(csrf()))
			.andExpect(status().isConflict())
			.andExpect(content().string(containsString("Merge " + merge + " was already undone.")));
	}

	@Test
	void anAdminDismissesThePairForGood() throws Exception {
		MockHttpSession admin = signIn(mvc, Tokens.ADMIN);
		mvc.perform(post("/duplicates/" + candidate + "/dismiss").session(admin).with(csrf()))
			.andExpect(redirectedUrl("/duplicates"));
		assertThat(store.jdbc().sql("select status from duplicate_candidate").query(String.class).single())
			.isEqualTo("dismissed");
		assertThat(page(Tokens.ADMIN)).contains("<strong>0</strong> waiting.");
	}

	private String page(Tokens token) throws Exception {
		return mvc.perform(get("/duplicates").session(signIn(mvc, token))).andExpect(status().isOk()).andReturn()
			.getResponse().getContentAsString();
	}
}
