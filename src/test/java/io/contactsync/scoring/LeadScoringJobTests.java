package io.contactsync.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.contactsync.support.ApplicationTest;
import io.contactsync.support.TestClock;
import io.contactsync.support.Tokens;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

/**
 * Each rule of the shipped jobs/lead-scoring.yml, pinned with a contact just inside and one just outside its
 * threshold, scored by the real job as of {@link TestClock#NOW}; then what a user reads of it over the API.
 */
class LeadScoringJobTests extends ApplicationTest {

	private static final Instant NOW = TestClock.NOW;

	private static final Duration SECOND = Duration.ofSeconds(1);

	@BeforeEach
	void emptyStoreAndHistory() {
		store.clear();
		history.clearHistory();
	}

	@AfterEach
	void noInjectedFailure() {
		store.jdbc().sql("drop trigger if exists test_fail_scores on lead_score").update();
	}

	@Test
	void severalConversationsAreAHotSignalAndTwoAWarmOne() {
		long three = contactWithConversations(3, "Hello");
		long two = contactWithConversations(2, "Hello");
		long one = contactWithConversations(1, "Hello");

		score();

		assertThat(rules(three)).containsEntry("conversations", 30);
		assertThat(rules(two)).containsEntry("conversations", 15);
		assertThat(rules(one)).doesNotContainKey("conversations");
	}

	@Test
	void engagementCountsWithinSevenDaysThenWithinThirty() {
		long sevenDays = quiet(ago(Duration.ofDays(7)));
		long pastSeven = quiet(ago(Duration.ofDays(7).plus(SECOND)));
		long thirtyDays = quiet(ago(Duration.ofDays(30)));
		long pastThirty = quiet(ago(Duration.ofDays(30).plus(SECOND)));

		score();

		assertThat(rules(sevenDays)).containsEntry("recency", 30);
		assertThat(rules(pastSeven)).containsEntry("recency", 15);
		assertThat(rules(thirtyDays)).containsEntry("recency", 15);
		assertThat(rules(pastThirty)).doesNotContainKey("recency");
	}

	@Test
	void intentsComeFromTheVisitorsWordsInAnyCaseAccentAndListedLanguage() {
		long german = contactWithConversations(1, "Wie viel KOSTET das Abo?");
		long french = contactWithConversations(1, "Je voudrais une DÉMONSTRATION");
		long russian = contactWithConversations(1, "Здравствуйте, сколько стоит подписка?");
		long spanish = contactWithConversations(1, "Hola, ¿tienen un plan gratuito?");
		long enterprise = contactWithConversations(1, "Is there an enterprise plan with SSO?");
		long product = contactWithConversations(1, "What integrations do you support?");
		// Words that only contain a phrase, and a phrase only the bot said, are no intent.
		long insideOtherWords = contactWithConversations(1, "My planet costume is rapid");
		long botOnly = contactWithConversations(1, "Hi", "Our plans start at $29; book a demo or a free trial");

		score();

		assertThat(intents(german)).containsExactly("pricing");
		assertThat(intents(french)).containsExactly("demo");
		assertThat(intents(russian)).containsExactly("pricing");
		assertThat(intents(spanish)).containsExactly("pricing", "trial");
		assertThat(intents(enterprise)).containsExactly("pricing", "enterprise");
		assertThat(intents(product)).containsExactly("product");
		assertThat(intents(insideOtherWords)).isEmpty();
		assertThat(intents(botOnly)).isEmpty();
		assertThat(rules(german)).containsEntry("intent.pricing", 30);
		assertThat(rules(product)).containsEntry("intent.product", 15);
		assertThat(rules(enterprise)).containsEntry("intent.enterprise", 20);
	}

	@Test
	void leavingAnEmailOrAPhoneAddsTenPoints() {
		long email = store.contact().email("jane@example.com").lastActivityAt(ago(Duration.ofDays(60))).insert();
		long phone = store.contact().phone("+44 20 7946 0958").lastActivityAt(ago(Duration.ofDays(60))).insert();
		long neither = store.contact().lastActivityAt(ago(Duration.ofDays(60))).insert();

		score();

		assertThat(rules(email)).containsExactly(Map.entry("contact-details", 10));
		assertThat(rules(phone)).containsExactly(Map.entry("contact-details", 10));
		assertThat(rules(neither)).isEmpty();
	}

	@Test
	void temperatureIsHotFromSixtyPointsAndWarmFromThirty() {
		// 30 (engaged within 7 days) + 30 (pricing) = 60
		long sixty = contactWithConversations(1, "How much is it?");
		// 30 (within 7 days) + 15 (product) + 10 (email) = 55
		long fiftyFive = withEmail(contactWithConversations(1, "Do you have an API?"));
		// 15 (within 30 days) + 15 (product) = 30
		long thirty = contactAt(ago(Duration.ofDays(10)), "Do you have an API?");
		// 15 (within 30 days) + 10 (email) = 25
		long twentyFive = withEmail(contactAt(ago(Duration.ofDays(10)), "Hello"));

		score();

		assertThat(row(sixty)).containsEntry("lead_score", 60).containsEntry("lead_temperature", "hot");
		assertThat(row(fiftyFive)).containsEntry("lead_score", 55).containsEntry("lead_temperature", "warm");
		assertThat(row(thirty)).containsEntry("lead_score", 30).containsEntry("lead_temperature", "warm");
		assertThat(row(twentyFive)).containsEntry("lead_score", 25).containsEntry("lead_temperature", "cold");
	}

	@Test
	void theScoreStopsAtAHundred() {
		long everything = withEmail(contactWithConversations(3, "How much is a demo of the enterprise trial API?"));

		score();

		assertThat(rules(everything).values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(195);
		assertThat(row(everything)).containsEntry("lead_score", 100).containsEntry("lead_temperature", "hot");
	}

	@Test
	void archivedAfterNinetyQuietDaysOrAnOptOut() {
		long ninetyDays = quiet(ago(Duration.ofDays(90)));
		long pastNinety = quiet(ago(Duration.ofDays(90).plus(SECOND)));
		long optedOut = contactWithConversations(2, "How much?");
		store.jdbc().sql("update contact set opted_out_at = :at where id = :id")
			.param("at", NOW.atOffset(ZoneOffset.UTC)).param("id", optedOut).update();

		score();

		assertThat(leadStatus(ninetyDays)).isEqualTo("follow_up");
		assertThat(leadStatus(pastNinety)).isEqualTo("archived");
		assertThat(statusReason(pastNinety)).isEqualTo("no activity since 2025-05-24, more than 90 days");
		assertThat(leadStatus(optedOut)).isEqualTo("archived");
		assertThat(statusReason(optedOut)).isEqualTo("opted out of marketing");
	}

	@Test
	void newWithinSevenDaysOfTheFirstContactAndOneConversation() {
		long sevenDays = newcomer(ago(Duration.ofDays(7)), 1);
		long pastSeven = newcomer(ago(Duration.ofDays(7).plus(SECOND)), 1);
		long secondConversation = newcomer(ago(Duration.ofDays(1)), 2);

		score();

		assertThat(leadStatus(sevenDays)).isEqualTo("new");
		assertThat(leadStatus(pastSeven)).isEqualTo("follow_up");
		assertThat(leadStatus(secondConversation)).isEqualTo("active");
	}

	@Test
	void activeWithTwoConversationsInterestRecentActivityAndAWayToReachThem() {
		long active = activeCandidate(2, ago(Duration.ofDays(14)), "Do you have an API?", true);
		long oneConversation = activeCandidate(1, ago(Duration.ofDays(3)), "Do you have an API?", true);
		long quietTooLong = activeCandidate(2, ago(Duration.ofDays(14).plus(SECOND)), "How much?", true);
		long noWayToReach = activeCandidate(2, ago(Duration.ofDays(3)), "How much?", false);

		score();

		assertThat(leadStatus(active)).isEqualTo("active");
		assertThat(statusReason(active)).isEqualTo("2 conversations, score 55, last active 2025-08-08");
		assertThat(leadStatus(oneConversation)).isEqualTo("follow_up");
		assertThat(statusReason(oneConversation)).isEqualTo("1 conversation (active needs 2)");
		assertThat(leadStatus(quietTooLong)).isEqualTo("follow_up");
		assertThat(statusReason(quietTooLong)).isEqualTo("no activity since 2025-08-08 (active needs the last 14 days)");
		assertThat(leadStatus(noWayToReach)).isEqualTo("follow_up");
		assertThat(statusReason(noWayToReach)).isEqualTo("no email or phone");
	}

	@Test
	void theScoreEndpointListsTheRulesThatFired() throws Exception {
		long id = withEmail(contactWithConversations(3, "How much does the Pro plan cost?"));

		score();
		long unscored = store.contact().insert();

		mvc.perform(get("/api/v1/contacts/{id}/score", id).with(Tokens.VIEWER.bearer()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.score").value(100))
			.andExpect(jsonPath("$.temperature").value("hot"))
			.andExpect(jsonPath("$.status").value("active"))
			.andExpect(jsonPath("$.rules[*].rule").value(Matchers.contains("conversations", "recency",
					"intent.pricing", "contact-details")))
			.andExpect(jsonPath("$.rules[0].reason").value("3 conversations (3 or more)"))
			.andExpect(jsonPath("$.rules[2].reason").value("asked about pricing or plans"))
			.andExpect(jsonPath("$.rules[2].points").value(30))
			.andExpect(jsonPath("$.intents[0]").value("pricing"));
		mvc.perform(get("/api/v1/contacts/{id}/score", unscored).with(Tokens.VIEWER.bearer()))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.detail").value(Matchers.containsString("run lead-scoring")));
		mvc.perform(get("/api/v1/contacts/{id}/score", 999_999).with(Tokens.VIEWER.bearer()))
			.andExpect(status().isNotFound());
	}

	@Test
	void theContactListFiltersByTemperature() throws Exception {
		long hot = contactWithConversations(3, "How much?");
		contactAt(ago(Duration.ofDays(60)), "Hello");

		score();

		mvc.perform(get("/api/v1/contacts?temperature=hot").with(Tokens.VIEWER.bearer()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.total").value(1))
			.andExpect(jsonPath("$.contacts[0].id").value(hot));
		mvc.perform(get("/api/v1/contacts?temperature=hot,cold").with(Tokens.VIEWER.bearer()))
			.andExpect(jsonPath("$.total").value(2));
		mvc.perform(get("/api/v1/contacts?temperature=lukewarm").with(Tokens.VIEWER.bearer()))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value("Unknown temperature 'lukewarm'; use one of hot, warm, cold."));
	}

	@Test
	void runningAgainChangesNothingAndAFailedRunResumesToTheSameEnd() {
		long hot = contactWithConversations(3, "How much?");
		long cold = contactAt(ago(Duration.ofDays(60)), "Hello");
		store.jdbc().sql("""
				create or replace function test_fail_scores() returns trigger language plpgsql as $$
				begin raise exception 'simulated failure while applying scores'; end $$""").update();
		store.jdbc().sql("create trigger test_fail_scores before insert on lead_score for each statement"
				+ " execute function test_fail_scores()").update();

		JobExecution failed = jobs.run("lead-scoring", Map.of());

		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(row(hot)).containsEntry("lead_temperature", null);
		store.jdbc().sql("drop trigger test_fail_scores on lead_score").update();
		JobExecution resumed = jobs.restart(failed.getId());

		assertThat(resumed.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(row(hot)).containsEntry("lead_temperature", "hot");
		assertThat(row(cold)).containsEntry("lead_temperature", "cold");
		assertThat(store.count("lead_score")).isEqualTo(2);
		assertThat(store.count("lead_score_staging") + store.count("lead_intent_staging")).isZero();

		JobExecution again = jobs.run("lead-scoring", Map.of());

		assertThat(again.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(stepWritten(again, "scoreContacts")).isZero();
		assertThat(stepWritten(again, "applyScores")).isZero();
	}

	@Test
	void aDeletedContactTakesItsScoreAlong() throws Exception {
		long deleted = contactWithConversations(3, "How much?");
		long kept = contactWithConversations(1, "Hello");
		score();

		mvc.perform(delete("/api/v1/contacts/{id}", deleted).with(Tokens.ADMIN.bearer()))
			.andExpect(status().isNoContent());

		assertThat(store.jdbc().sql("select contact_id from lead_score").query(Long.class).list())
			.containsExactly(kept);
		mvc.perform(get("/api/v1/contacts/{id}/score", deleted).with(Tokens.VIEWER.bearer()))
			.andExpect(status().isNotFound());
	}

	@Test
	void asOfScoresAsOnAnEarlierDayAndNeverALaterOne() {
		long quiet = quiet(ago(Duration.ofDays(100)));

		jobs.run("lead-scoring", Map.of("asOf", NOW.minus(Duration.ofDays(20)).toString()));

		assertThat(leadStatus(quiet)).isEqualTo("follow_up");
		score();
		assertThat(leadStatus(quiet)).isEqualTo("archived");
		assertThatThrownBy(() -> jobs.run("lead-scoring", Map.of("asOf", NOW.plus(Duration.ofDays(1)).toString())))
			.hasMessageContaining("is in the future");
		assertThatThrownBy(() -> jobs.run("lead-scoring", Map.of("mode", "fast")))
			.hasMessageContaining("lead-scoring takes only asOf");
	}

	@Test
	void leavesTheContactsVacuumedWhenItRescoredMostOfThemAndToAutovacuumWhenFew() {
		List<Long> contacts = new ArrayList<>();
		for (int i = 0; i < 400; i++) {
			contacts.add(quiet(ago(Duration.ofDays(3))));
		}

		JobExecution first = jobs.run("lead-scoring", Map.of());

		assertThat(said(first, "upkeep")).isEqualTo("vacuumed and analysed contact, lead_score after 400 rows written");
		// What the first read after a bulk write costs: it sets these hint bits, rewriting every page it reads.
		assertThat(rowsWithoutCommitHint("contact")).isZero();
		assertThat(store.jdbc().sql("select reltuples from pg_class where relname = 'contact'").query(Double.class)
			.single()).isEqualTo(400.0);

		store.jdbc().sql("update contact set last_activity_at = :at where id = :id").param("at", Timestamp.from(ago(
				Duration.ofDays(20)))).param("id", contacts.get(0)).update();
		JobExecution second = jobs.run("lead-scoring", Map.of());

		assertThat(said(second, "upkeep")).isEqualTo("1 rows written: less than 10 % of any table, left to autovacuum");
		assertThat(rowsWithoutCommitHint("contact")).isPositive();
	}

	/** Row versions on the table's pages whose inserting transaction is not yet marked committed on the page. */
	private long rowsWithoutCommitHint(String table) {
		store.jdbc().sql("create extension if not exists pageinspect").update();
		// 0x0100 is HEAP_XMIN_COMMITTED; line pointer flag 1 a normal (not pruned, not redirected) tuple.
		return store.jdbc().sql("""
				select count(*) from generate_series(0, pg_relation_size(:table::regclass) / current_setting('block_size')::int - 1) page,
				     heap_page_items(get_raw_page(:table, page::int)) tuple
				where tuple.lp_flags = 1 and tuple.t_infomask & 256 = 0""")
			.param("table", table).query(Long.class).single();
	}

	private static String said(JobExecution run, String step) {
		return run.getStepExecutions().stream().filter(execution -> execution.getStepName().equals(step))
			.findFirst().orElseThrow().getExitStatus().getExitDescription();
	}

	private void score() {
		JobExecution run = jobs.run("lead-scoring", Map.of());
		assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
	}

	/** Active one hour ago, created a month ago, with {@code count} conversations whose first visitor line is given. */
	private long contactWithConversations(int count, String visitorSays, String... rest) {
		long id = store.contact().createdAt(ago(Duration.ofDays(40))).lastActivityAt(ago(Duration.ofHours(1))).insert();
		for (int i = 0; i < count; i++) {
			String[] texts = new String[1 + rest.length];
			texts[0] = visitorSays;
			System.arraycopy(rest, 0, texts, 1, rest.length);
			store.conversation(id, "closed", ago(Duration.ofDays(35 - i)), texts);
		}
		return id;
	}

	private long contactAt(Instant lastActivity, String visitorSays) {
		long id = store.contact().createdAt(ago(Duration.ofDays(80))).lastActivityAt(lastActivity).insert();
		store.conversation(id, "closed", lastActivity, visitorSays);
		return id;
	}

	/** A contact without conversations, created long ago, last active then. */
	private long quiet(Instant lastActivity) {
		return store.contact().createdAt(ago(Duration.ofDays(400))).lastActivityAt(lastActivity).insert();
	}

	private long newcomer(Instant createdAt, int conversations) {
		long id = store.contact().email("new@example.com").createdAt(createdAt).lastActivityAt(createdAt).insert();
		for (int i = 0; i < conversations; i++) {
			store.conversation(id, "closed", createdAt, "Do you have an API?");
		}
		return id;
	}

	private long activeCandidate(int conversations, Instant lastActivity, String visitorSays, boolean email) {
		long id = store.contact().email(email ? "lead@example.com" : null).createdAt(ago(Duration.ofDays(60)))
			.lastActivityAt(lastActivity).insert();
		for (int i = 0; i < conversations; i++) {
			store.conversation(id, "closed", ago(Duration.ofDays(50 - i)), visitorSays);
		}
		return id;
	}

	private long withEmail(long id) {
		store.jdbc().sql("update contact set email = 'lead@example.com' where id = :id").param("id", id).update();
		return id;
	}

	private static Instant ago(Duration duration) {
		return NOW.minus(duration);
	}

	/** The fired rules by name with their points. */
	private Map<String, Integer> rules(long id) {
		Map<String, Integer> rules = new LinkedHashMap<>();
		store.jdbc().sql("""
				select r->>'rule' as rule, (r->>'points')::int as points
				from lead_score, jsonb_array_elements(rules::jsonb) r where contact_id = :id""")
			.param("id", id)
			.query((rs, row) -> rules.put(rs.getString("rule"), rs.getInt("points")))
			.list();
		return rules;
	}

	private List<String> intents(long id) {
		return store.jdbc().sql("select unnest(intents) from lead_score where contact_id = :id").param("id", id)
			.query(String.class).list();
	}

	private Map<String, Object> row(long id) {
		return store.jdbc().sql("select lead_score, lead_temperature, lead_status from contact where id = :id")
			.param("id", id).query().singleRow();
	}

	private String leadStatus(long id) {
		return (String) row(id).get("lead_status");
	}

	private String statusReason(long id) {
		return store.jdbc().sql("select status_reason from lead_score where contact_id = :id").param("id", id)
			.query(String.class).single();
	}

	private static long stepWritten(JobExecution run, String step) {
		return run.getStepExecutions().stream().filter(execution -> execution.getStepName().equals(step))
			.findFirst().orElseThrow().getWriteCount();
	}
}
