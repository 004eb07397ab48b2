package io.contactsync.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import io.contactsync.jobs.JobUsageException;
import io.contactsync.support.ApplicationTest;
import io.contactsync.support.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

/**
 * The retention job with the shipped jobs/retention.yml (archive after 12 months, delete after 36, keep lead
 * status active and tag vip, captures kept 30 days), each threshold pinned just inside and just outside, as of
 * the test clock's 22 August 2025.
 */
class RetentionJobTests extends ApplicationTest {

	private static final Instant NOW = TestClock.NOW;

	/** 22 August 2024 12:00: exactly 12 months before the run; quieter than this is archived. */
	private static final Instant TWELVE_MONTHS = Instant.parse("2024-08-22T12:00:00Z");

	private static final Instant THIRTY_SIX_MONTHS = Instant.parse("2022-08-22T12:00:00Z");

	private static final Duration MINUTE = Duration.ofMinutes(1);

	@BeforeEach
	void emptyStore() {
		store.clear();
		history.clearHistory();
	}

	@AfterEach
	void noFailure() {
		store.jdbc().sql("drop trigger if exists test_refuse_delete on contact").update();
	}

	@Test
	void archivesWhatIsQuietForMoreThanTwelveMonthsAndKeepsTheRest() {
		long quiet = store.contact().name("Quiet").lastActivityAt(TWELVE_MONTHS.minus(MINUTE)).insert();
		long justInside = store.contact().name("Just inside").lastActivityAt(TWELVE_MONTHS.plus(MINUTE)).insert();
		long neverActive = store.contact().name("Never active").createdAt(TWELVE_MONTHS.minus(MINUTE)).insert();
		long active = store.contact().name("Active").status("active").lastActivityAt(TWELVE_MONTHS.minus(MINUTE)).insert();
		long vip = store.contact().name("VIP").lastActivityAt(TWELVE_MONTHS.minus(MINUTE)).insert();
		store.jdbc().sql("update contact set tags = '{vip}' where id = :id").param("id", vip).update();

		JobExecution run = jobs.run("retention", Map.of());

		assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(archivedAt(quiet)).isEqualTo(NOW);
		assertThat(status(quiet)).isEqualTo("archived");
		assertThat(archivedAt(neverActive)).isEqualTo(NOW);
		assertThat(archivedAt(justInside)).isNull();
		assertThat(archivedAt(active)).isNull();
		assertThat(archivedAt(vip)).isNull();
		assertThat(said(run, "reviewInactive")).contains("0 deleted, 2 archived");
		assertThat(store.jdbc().sql("select count(*) from audit_event where action = 'contact.archived'")
			.query(Long.class).single()).isEqualTo(2);
	}

	@Test
	void deletesWhatIsQuietForMoreThanThirtySixMonthsClosingItsOpenConversationFirst() {
		long gone = store.contact().name("Gone").email("gone@example.com").lastActivityAt(THIRTY_SIX_MONTHS.minus(MINUTE))
			.insert();
		store.identity(gone, "telegram", "100200");
		store.conversation(gone, "open", THIRTY_SIX_MONTHS.minus(Duration.ofDays(1)), "Hello", "Hi, how can I help?");
		long archivedOnly = store.contact().name("Archived only").lastActivityAt(THIRTY_SIX_MONTHS.plus(MINUTE)).insert();
		long vip = store.contact().name("Old VIP").lastActivityAt(THIRTY_SIX_MONTHS.minus(MINUTE)).insert();
		store.jdbc().sql("update contact set tags = '{vip}' where id = :id").param("id", vip).update();

		JobExecution run = jobs.run("retention", Map.of());

		assertThat(exists(gone)).isFalse();
		assertThat(store.count("conversation")).isZero();
		assertThat(store.count("message")).isZero();
		assertThat(store.count("contact_identity")).isZero();
		assertThat(archivedAt(archivedOnly)).isEqualTo(NOW);
		assertThat(exists(vip)).isTrue();
		assertThat(said(run, "reviewInactive")).contains("1 deleted, 1 archived");
		String audit = store.jdbc().sql("select details::text from audit_event where action = 'contact.deleted'"
				+ " and entity_id = :id").param("id", gone).query(String.class).single();
		assertThat(audit).contains("\"conversations\": 1", "\"closedConversations\": 1", "\"messages\": 2",
				"\"identities\": 1", "no activity for more than 36 months").doesNotContain("gone@example.com", "Gone");
	}

	@Test
	void unarchivesAContactActiveAgainSinceItWasArchived() {
		long back = store.contact().name("Back").lastActivityAt(NOW.minus(Duration.ofDays(2))).insert();
		store.jdbc().sql("update contact set archived_at = :at, lead_status = 'archived' where id = :id")
			.param("at", NOW.minus(Duration.ofDays(10)).atOffset(ZoneOffset.UTC)).param("id", back).update();

		JobExecution run = jobs.run("retention", Map.of());

		assertThat(archivedAt(back)).isNull();
		assertThat(said(run, "reviewInactive")).contains("1 active again");
	}

	@Test
	void dropsCapturePayloadsImportedMoreThanThirtyDaysAgoButNeverPendingOnes() {
		long old = inbox("processed", NOW.minus(Duration.ofDays(30)).minus(MINUTE));
		long recent = inbox("processed", NOW.minus(Duration.ofDays(30)).plus(MINUTE));
		long refused = inbox("failed", NOW.minus(Duration.ofDays(40)));
		long pending = inbox("pending", null);

		JobExecution run = jobs.run("retention", Map.of());

		assertThat(store.jdbc().sql("select id from capture_inbox order by id").query(Long.class).list())
			.containsExactly(recent, pending).doesNotContain(old, refused);
		assertThat(said(run, "dropOldCaptures")).contains("2 imported capture payloads dropped");
	}

	@Test
	void aRunKilledAfterTheErasuresEndsLikeAnUninterruptedOneWhenRestarted() {
		long erased = store.contact().name("Erase me").insert();
		store.jdbc().sql("update contact set erasure_requested_at = :at, erasure_due_at = :at where id = :id")
			.param("at", NOW.minus(Duration.ofDays(1)).atOffset(ZoneOffset.UTC)).param("id", erased).update();
		long gone = store.contact().name("Gone").lastActivityAt(THIRTY_SIX_MONTHS.minus(MINUTE)).insert();
		long quiet = store.contact().name("Quiet").lastActivityAt(TWELVE_MONTHS.minus(MINUTE)).insert();
		store.jdbc().sql("""
				create or replace function test_refuse_delete() returns trigger language plpgsql as $$
				begin
				  if old.name = 'Gone' then raise exception 'simulated crash in reviewInactive'; end if;
				  return old;
				end $$""").update();
		store.jdbc().sql("create trigger test_refuse_delete before delete on contact for each row"
				+ " execute function test_refuse_delete()").update();

		JobExecution failed = jobs.run("retention", Map.of());

		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(exists(erased)).isFalse();
		assertThat(exists(gone)).isTrue();
		assertThat(archivedAt(quiet)).as("the failed step's transaction archived nothing").isNull();

		store.jdbc().sql("drop trigger test_refuse_delete on contact").update();
		JobExecution resumed = jobs.restart(failed.getId());

		assertThat(resumed.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(exists(gone)).isFalse();
		assertThat(archivedAt(quiet)).isEqualTo(NOW);
		assertThat(store.jdbc().sql("select count(*) from audit_event where action = 'contact.erased'")
			.query(Long.class).single()).isEqualTo(1);

		JobExecution again = jobs.run("retention", Map.of());
		assertThat(said(again, "purgeErasures")).contains("0 contacts erased");
		assertThat(said(again, "reviewInactive")).contains("0 deleted, 0 archived");
	}

	@Test
	void reviewsAsOfAGivenDateButNeverOneInTheFuture() {
		long quiet = store.contact().name("Quiet").lastActivityAt(Instant.parse("2024-06-01T00:00:00Z")).insert();

		jobs.run("retention", Map.of("asOf", "2025-06-02"));

		assertThat(archivedAt(quiet)).isEqualTo(Instant.parse("2025-06-02T00:00:00Z"));
		assertThatThrownBy(() -> jobs.run("retention", Map.of("asOf", "2025-08-23")))
			.isInstanceOf(JobUsageException.class)
			.hasMessageContaining("in the future");
		assertThatThrownBy(() -> jobs.run("retention", Map.of("asOf", "last week")))
			.isInstanceOf(JobUsageException.class)
			.hasMessageContaining("asOf must be a date like 2026-03-01");
		assertThatThrownBy(() -> jobs.run("retention", Map.of("months", "6")))
			.isInstanceOf(JobUsageException.class)
			.hasMessageContaining("retention takes only asOf");
	}

	private long inbox(String status, Instant processedAt) {
		return store.jdbc().sql("""
				insert into capture_inbox (channel, payload, status, processed_at)
				values ('telegram', '{"update_id": 1}', :status, :processedAt) returning id""")
			.param("status", status)
			.param("processedAt", processedAt == null ? null : processedAt.atOffset(ZoneOffset.UTC))
			.query(Long.class)
			.single();
	}

	private Instant archivedAt(long id) {
		return store.jdbc().sql("select archived_at from contact where id = :id").param("id", id)
			.query((rs, row) -> rs.getTimestamp(1) == null ? null : rs.getTimestamp(1).toInstant())
			.list()
			.get(0);
	}

	private String status(long id) {
		return store.jdbc().sql("select lead_status from contact where id = :id").param("id", id).query(String.class)
			.single();
	}

	private boolean exists(long id) {
		return store.jdbc().sql("select exists (select 1 from contact where id = :id)").param("id", id)
			.query(Boolean.class).single();
	}

	private static String said(JobExecution run, String step) {
		return run.getStepExecutions().stream().filter(execution -> execution.getStepName().equals(step)).findFirst()
			.orElseThrow().getExitStatus().getExitDescription();
	}
}
