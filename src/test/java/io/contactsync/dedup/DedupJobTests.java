package io.contactsync.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.contactsync.jobs.IdRangePartitioner;
import io.contactsync.support.ApplicationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * The dedup job on a small store: a sure pair merged, a family sharing an address left for review, two
 * namesakes sharing a phone never chained together, a second run changing nothing, and a run that failed
 * half-way ending, when run again, exactly as an uninterrupted one.
 */
class DedupJobTests extends ApplicationTest {

	@Autowired
	DataSource dataSource;

	@Value("${contactsync.dedup.partitions}")
	int partitions;

	long jonh;

	long johnOnWhatsApp;

	long mary;

	long fatherJohn;

	long sonJohn;

	long lone;

	@BeforeEach
	void aStoreWithDuplicates() {
		store.clear();
		history.clearHistory();
		jonh = store.contact().name("Jonh Smith").email("John.Smith@Example.com")
			.createdAt("2026-01-01T10:00:00Z").insert();
		store.identity(jonh, "frame", "v-jonh");
		store.conversation(jonh, "closed", Instant.parse("2026-01-01T10:00:00Z"), "Hi", "Hello!");
		johnOnWhatsApp = store.contact().name("Smith John").email("john.smith@example.com").phone("+44 20 7946 0958")
			.channel("whatsapp").createdAt("2026-02-01T10:00:00Z").insert();
		store.identity(johnOnWhatsApp, "whatsapp", "442079460958");
		store.conversation(johnOnWhatsApp, "open", Instant.parse("2026-02-01T10:00:00Z"), "Price?", "From $29");
		mary = store.contact().name("Mary Smith").email("john.smith@example.com").createdAt("2026-03-01T10:00:00Z")
			.insert();
		fatherJohn = store.contact().name("Peter Jones").email("peter@jones.family").phone("+44 161 496 0000")
			.createdAt("2026-01-05T10:00:00Z").insert();
		sonJohn = store.contact().name("Peter Jones").phone("0161 496 0000").createdAt("2026-01-06T10:00:00Z")
			.email("pj@jones.family").insert();
		lone = store.contact().name("Peter Jones").email("peter@jones.family").createdAt("2026-01-07T10:00:00Z")
			.insert();
	}

	@AfterEach
	void noInjectedFailure() {
		store.jdbc().sql("drop trigger if exists test_fail_merge on merge_record").update();
	}

	@Test
	void mergesTheSurePairAsksAboutTheFamilyAndChainsNobody() {
		JobExecution run = jobs.run("dedup", Map.of());

		assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(mergedInto(johnOnWhatsApp)).isEqualTo(jonh);
		assertThat(identitiesOf(jonh)).containsExactly("frame:v-jonh", "whatsapp:442079460958");
		assertThat(store.jdbc().sql("select count(*) from conversation where contact_id = :id").param("id", jonh)
			.query(Long.class).single()).isEqualTo(2);
		assertThat(store.jdbc().sql("select phone from contact where id = :id").param("id", jonh)
			.query(String.class).single()).isEqualTo("+44 20 7946 0958");
		assertThat(store.jdbc().sql("select action from audit_event where entity_id = :id").param("id", jonh)
			.query(String.class).list()).containsExactly("merge");

		// Father and son share the home phone: son~father and father~lone are sure, son~lone are two people.
		assertThat(mergedInto(lone)).isEqualTo(fatherJohn);
		assertThat(mergedInto(fatherJohn)).isNull();
		assertThat(mergedInto(sonJohn)).isNull();
		assertThat(candidates()).containsExactlyInAnyOrder(List.of(fatherJohn, sonJohn), List.of(jonh, mary));
		assertThat(stepSaid(run, "dedupScoring"))
			.matches("\\d+ pairs compared, \\d+ scored at least review; [0-9.]+ s");
		assertThat(store.count("dedup_feature") + store.count("dedup_pair") + store.count("merge_plan")).isZero();
	}

	@Test
	void aSecondRunChangesNothing() {
		jobs.run("dedup", Map.of());
		String before = storeState();

		JobExecution again = jobs.run("dedup", Map.of());

		assertThat(again.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(storeState()).isEqualTo(before);
	}

	@Test
	void aRunThatFailedWhileMergingEndsAsAnUninterruptedRunWhenRunAgain() {
		jobs.run("dedup", Map.of());
		String uninterrupted = storeState();
		aStoreWithDuplicates();
		failMerges("for each statement");

		JobExecution failed = jobs.run("dedup", Map.of());
		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(store.count("merge_record")).isZero();
		noInjectedFailure();
		JobExecution resumed = jobs.run("dedup", Map.of());

		assertThat(resumed.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(resumed.getJobInstance().getInstanceId()).isEqualTo(failed.getJobInstance().getInstanceId());
		assertThat(storeState()).isEqualTo(uninterrupted);
	}

	@Test
	void aRunWhoseMergeFailedInOnePartRedoesThatPartAloneWhenRunAgain() {
		jobs.run("dedup", Map.of());
		String uninterrupted = storeState();
		aStoreWithDuplicates();
		failMerges("for each row when (new.survivor_id = " + jonh + ")");

		JobExecution failed = jobs.run("dedup", Map.of());
		assertThat(planPartOf(jonh)).as("the two clusters are in different parts").isNotEqualTo(planPartOf(fatherJohn));
		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(mergedInto(lone)).isEqualTo(fatherJohn);
		assertThat(mergedInto(johnOnWhatsApp)).isNull();
		noInjectedFailure();
		JobExecution resumed = jobs.run("dedup", Map.of());

		assertThat(resumed.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(resumed.getStepExecutions()).extracting(StepExecution::getStepName)
			.contains("dedupMerge", "dedupMergePart:" + planPartOf(jonh))
			.doesNotContain("dedupMergePart:" + planPartOf(fatherJohn));
		assertThat(storeState()).isEqualTo(uninterrupted);
	}

	@Test
	void aResumedRangeReadsOnAfterTheLastContactItHadReadThoughEarlierOnesWereMergedMeanwhile() throws Exception {
		ExecutionContext saved = new ExecutionContext();
		LiveContactReader first = contactsFrom(jonh);
		first.open(saved);
		assertThat(List.of(first.read().id(), first.read().id())).containsExactly(jonh, johnOnWhatsApp);
		first.update(saved);
		first.close();
		store.jdbc().sql("update contact set merged_into = :survivor where id = :merged")
			.param("survivor", johnOnWhatsApp).param("merged", jonh).update();

		LiveContactReader resumed = contactsFrom(jonh);
		resumed.open(saved);
		List<Long> rest = new ArrayList<>();
		for (StoredContact contact = resumed.read(); contact != null; contact = resumed.read()) {
			rest.add(contact.id());
		}
		resumed.close();

		assertThat(rest).containsExactly(mary, fatherJohn, sonJohn, lone);
	}

	private LiveContactReader contactsFrom(long first) {
		return new LiveContactReader(dataSource, json, List.of(), new IdRangePartitioner.Range(first, Long.MAX_VALUE), 2);
	}

	private void failMerges(String when) {
		store.jdbc().sql("""
				create or replace function test_fail_merge() returns trigger language plpgsql as $$
				begin raise exception 'simulated crash while merging'; end $$""").update();
		store.jdbc().sql("create trigger test_fail_merge after insert on merge_record " + when
				+ " execute function test_fail_merge()").update();
	}

	private String planPartOf(long survivor) {
		long run = store.jdbc().sql("select max(job_instance_id) from batch_job_instance where job_name = 'dedup'")
			.query(Long.class).single();
		return MergeExecutor.runPlan(run, (int) (survivor % partitions));
	}

	private Long mergedInto(long id) {
		return store.jdbc().sql("select merged_into from contact where id = :id").param("id", id)
			.query((rs, row) -> (Long) rs.getObject(1)).list().get(0);
	}

	private List<String> identitiesOf(long id) {
		return store.jdbc().sql("select channel || ':' || external_id from contact_identity where contact_id = :id "
				+ "order by 1").param("id", id).query(String.class).list();
	}

	private List<List<Long>> candidates() {
		return store.jdbc().sql("select contact_a, contact_b from duplicate_candidate where status = 'pending'")
			.query((rs, row) -> List.of(rs.getLong(1), rs.getLong(2))).list();
	}

	private static String stepSaid(JobExecution run, String step) {
		return run.getStepExecutions().stream().filter(s -> s.getStepName().equals(step)).findFirst().orElseThrow()
			.getExitStatus().getExitDescription();
	}

	/** Everything a person could see change, contacts by their names (ids differ between set-ups). */
	private String storeState() {
		return String.join("\n", store.jdbc().sql("""
				select concat_ws(' | ', c.name, c.email, c.phone, c.phone_e164, s.name, c.version,
				       (select string_agg(i.channel || ':' || i.external_id, ',' order by i.channel, i.external_id)
				        from contact_identity i where i.contact_id = c.id),
				       (select count(*) from conversation v where v.contact_id = c.id),
				       (select count(*) from merge_record r where r.merged_id = c.id),
				       (select string_agg(d.status || ':' || round(d.score, 3), ',' order by d.score)
				        from duplicate_candidate d where d.contact_a = c.id))
				from contact c left join contact s on s.id = c.merged_into
				order by c.name, c.created_at""").query(String.class).list())
				+ "\naudit " + store.count("audit_event") + ", merges " + store.count("merge_record");
	}
}
