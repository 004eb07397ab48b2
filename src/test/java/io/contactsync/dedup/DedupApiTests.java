package io.contactsync.dedup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.contactsync.support.ApplicationTest;
import io.contactsync.support.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.MediaType;

/** The duplicates and merges API: roles, merging by hand and from a candidate, dismissing, undo, redirects. */
class DedupApiTests extends ApplicationTest {

	@TempDir
	Path files;

	long olivia;

	long liv;

	@BeforeEach
	void twoContactsOfOnePerson() {
		store.clear();
		history.clearHistory();
		olivia = store.contact().name("Olivia Bennett").email("olivia@example.com").createdAt("2026-01-01T10:00:00Z")
			.insert();
		store.identity(olivia, "frame", "v-olivia");
		store.conversation(olivia, "closed", Instant.parse("2026-01-01T10:00:00Z"), "Hi", "Hello!");
		liv = store.contact().name(null).phone("+44 20 7946 0958").channel("telegram")
			.createdAt("2026-02-01T10:00:00Z").insert();
		store.identity(liv, "telegram", "777");
		store.conversation(liv, "closed", Instant.parse("2026-02-01T10:00:00Z"), "Price?", "From $29", "Thanks");
	}

	@Test
	void aViewerReadsButOnlyAnAdminMerges() throws Exception {
		mvc.perform(get("/api/v1/duplicates").with(Tokens.VIEWER.bearer())).andExpect(status().isOk());
		mvc.perform(get("/api/v1/merges").with(Tokens.VIEWER.bearer())).andExpect(status().isOk());
		mvc.perform(mergeInto(olivia, liv).with(Tokens.OPERATOR.bearer())).andExpect(status().isForbidden());
		mvc.perform(post("/api/v1/merges/1/undo").with(Tokens.VIEWER.bearer())).andExpect(status().isForbidden());
		mvc.perform(post("/api/v1/duplicates/1/dismiss").with(Tokens.OPERATOR.bearer()))
			.andExpect(status().isForbidden());
		mvc.perform(get("/api/v1/duplicates")).andExpect(status().isUnauthorized());
		assertThat(store.count("merge_record")).isZero();
	}

	@Test
	void aMergedAwayContactAnswers404NamingItsSurvivor() throws Exception {
		mvc.perform(mergeInto(olivia, liv).with(Tokens.ADMIN.bearer()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.survivor_id").value(olivia));

		mvc.perform(get("/api/v1/contacts/" + liv).with(Tokens.VIEWER.bearer()))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.merged_into").value(olivia))
			.andExpect(jsonPath("$.detail").value("Contact " + liv + " was merged into contact " + olivia));
		mvc.perform(get("/api/v1/contacts/" + olivia).with(Tokens.VIEWER.bearer()))
			.andExpect(jsonPath("$.phone").value("+44 20 7946 0958"))
			.andExpect(jsonPath("$.identities.length()").value(2));
		mvc.perform(mergeInto(olivia, liv).with(Tokens.ADMIN.bearer()))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.merged_into").value(olivia));
		mvc.perform(mergeInto(olivia, olivia).with(Tokens.ADMIN.bearer())).andExpect(status().isBadRequest());
	}

	@Test
	void undoRestoresBothContactsExactlyAsTheyWere() throws Exception {
		String before = snapshot();
		mvc.perform(mergeInto(olivia, liv).with(Tokens.ADMIN.bearer())).andExpect(status().isOk());
		assertThat(snapshot()).isNotEqualTo(before);
		long merge = store.jdbc().sql("select id from merge_record").query(Long.class).single();

		mvc.perform(get("/api/v1/merges").with(Tokens.VIEWER.bearer()))
			.andExpect(jsonPath("$.merges[0].merged_id").value(liv))
			.andExpect(jsonPath("$.merges[0].identities").value(1))
			.andExpect(jsonPath("$.merges[0].conversations").value(1));
		mvc.perform(post("/api/v1/merges/" + merge + "/undo").with(Tokens.ADMIN.bearer())).andExpect(status().isOk());

		assertThat(snapshot()).isEqualTo(before);
		mvc.perform(post("/api/v1/merges/" + merge + "/undo").with(Tokens.ADMIN.bearer()))
			.andExpect(status().isConflict());
		mvc.perform(post("/api/v1/merges/999999/undo").with(Tokens.ADMIN.bearer())).andExpect(status().isNotFound());
		assertThat(store.jdbc().sql("select action from audit_event order by id").query(String.class).list())
			.containsExactly("merge", "unmerge");
	}

	@Test
	void aCandidateIsMergedWithTheChosenSurvivorOrDismissedForGood() throws Exception {
		long mary = store.contact().name("Mary Bennett").email("olivia@example.com").createdAt("2026-03-01T10:00:00Z")
			.insert();
		jobs.run("dedup", Map.of());
		long candidate = store.jdbc().sql("select id from duplicate_candidate where contact_b = :mary")
			.param("mary", mary).query(Long.class).single();

		mvc.perform(get("/api/v1/duplicates").with(Tokens.VIEWER.bearer()))
			.andExpect(jsonPath("$.total").value(1))
			.andExpect(jsonPath("$.duplicates[0].contact_b.name").value("Mary Bennett"))
			.andExpect(jsonPath("$.duplicates[0].evidence.email.similarity").value(1.0));
		mvc.perform(post("/api/v1/duplicates/" + candidate + "/dismiss").with(Tokens.ADMIN.bearer()))
			.andExpect(status().isOk());
		mvc.perform(post("/api/v1/duplicates/" + candidate + "/merge").with(Tokens.ADMIN.bearer())
			.contentType(MediaType.APPLICATION_JSON).content("{\"survivor_id\": " + mary + "}"))
			.andExpect(status().isConflict());
		history.clearHistory();
		jobs.run("dedup", Map.of());
		mvc.perform(get("/api/v1/duplicates").with(Tokens.VIEWER.bearer())).andExpect(jsonPath("$.total").value(0));
		assertThat(store.jdbc().sql("select status from duplicate_candidate").query(String.class).list())
			.containsExactly("dismissed");
	}

	@Test
	void captureImportAfterAMergeFindsTheSurvivorThroughTheMergedAwayIdentity() throws Exception {
		mvc.perform(mergeInto(olivia, liv).with(Tokens.ADMIN.bearer())).andExpect(status().isOk());
		Path capture = Files.writeString(files.resolve("later.jsonl"), """
				{"type":"message","channel":"telegram","visitor":"777","conversation":"tg-9","at":"2026-05-01T10:00:00Z","id":"m1","sender":"visitor","kind":"text","text":"Back again","email":"liv@example.com"}
				""");

		jobs.run("capture-import", Map.of("input", capture.toString()));

		assertThat(store.count("contact")).isEqualTo(2);
		assertThat(store.jdbc().sql("select contact_id from conversation where external_id = 'tg-9'")
			.query(Long.class).single()).isEqualTo(olivia);
	}

	private org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder mergeInto(long survivor,
			long merged) {
		return post("/api/v1/contacts/" + survivor + "/merge").contentType(MediaType.APPLICATION_JSON)
			.content("{\"contact_id\": " + merged + "}");
	}

	/** Both contacts, their identities and conversations, all but the bookkeeping columns. */
	private String snapshot() {
		List<String> rows = store.jdbc().sql("""
				select to_jsonb(c) - 'version' - 'updated_at' - 'search_text' from contact c order by id""")
			.query(String.class).list();
		List<String> identities = store.jdbc().sql("select to_jsonb(i) from contact_identity i order by id")
			.query(String.class).list();
		List<String> conversations = store.jdbc().sql("""
				select to_jsonb(v) || jsonb_build_object('messages', (select count(*) from message m
				       where m.conversation_id = v.id)) from conversation v order by id""")
			.query(String.class).list();
		return String.join("\n", rows) + "\n" + identities + "\n" + conversations;
	}
}
