package io.contactsync.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

import io.contactsync.support.ApplicationTest;

class GenerateJobTests extends ApplicationTest {

	@BeforeEach
	void emptyStoreAndHistory() {
		store.clear();
		history.clearHistory();
	}

	@AfterEach
	void noInjectedFailure() {
		history.stopFailing();
	}

	@Test
	void makesContactsOnEveryChannelWithConversationsAndMessages() {
		JobExecution run = jobs.run("generate", Map.of("contacts", "400", "seed", "7"));

		assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(store.count("contact")).isEqualTo(400);
		assertThat(store.count("contact_identity")).isEqualTo(400);
		List<String> channels = store.jdbc()
			.sql("select channel from contact group by channel order by count(*) desc")
			.query(String.class)
			.list();
		assertThat(channels).hasSize(5).first().isEqualTo("frame");
		assertThat(store.count("conversation")).isGreaterThanOrEqualTo(400);
		assertThat(store.count("message")).isBetween(4L * 400, 6L * 400);
		assertThat(inconsistentConversations()).isZero();
	}

	@Test
	void leavesStatisticsThatKnowHowManyContactsThereAre() {
		jobs.run("generate", Map.of("contacts", "600"));

		assertThat(store.jdbc().sql("select reltuples::bigint from pg_class where relname = 'contact'")
			.query(Long.class).single()).isEqualTo(600);
	}

	@Test
	void addsNothingWhenRunAgainWithTheSameSeed() {
		JobExecution first = jobs.run("generate", Map.of("contacts", "300"));
		long messagesAfterFirst = store.count("message");
		JobExecution second = jobs.run("generate", Map.of("contacts", "300"));

		assertThat(second.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(second.getJobInstanceId()).isNotEqualTo(first.getJobInstanceId());
		assertThat(second.getStepExecutions()).filteredOn(step -> step.getStepName().equals("generateContacts"))
			.singleElement().satisfies(step -> {
			assertThat(step.getWriteCount()).isZero();
			assertThat(step.getFilterCount()).isEqualTo(300);
		});
		assertThat(store.count("contact")).isEqualTo(300);
		assertThat(store.count("message")).isEqualTo(messagesAfterFirst);
	}

	@Test
	void makesTheSamePeopleFromTheSameSeed() {
		jobs.run("generate", Map.of("contacts", "50", "seed", "3"));
		List<String> firstNames = names();
		store.clear();
		history.clearHistory();
		jobs.run("generate", Map.of("contacts", "50", "seed", "3"));

		assertThat(names()).isEqualTo(firstNames);
	}

	@Test
	void resumesAFailedRunWhereItStoppedWithNothingLostOrTwice() {
		history.failWritesBeyond(1_000);
		JobExecution failed = jobs.run("generate", Map.of("contacts", "2500"));
		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(store.count("contact")).isEqualTo(1_000);

		history.stopFailing();
		JobExecution resumed = jobs.run("generate", Map.of("contacts", "2500"));

		assertThat(resumed.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(resumed.getJobInstanceId()).isEqualTo(failed.getJobInstanceId());
		assertThat(resumed.getStepExecutions()).filteredOn(step -> step.getStepName().equals("generateContacts"))
			.singleElement()
			.satisfies(step -> assertThat(step.getReadCount()).isEqualTo(1_500));
		assertThat(store.count("contact")).isEqualTo(2_500);
		assertThat(store.jdbc().sql("select count(distinct external_id) from contact_identity").query(Long.class).single())
			.isEqualTo(2_500);
		assertThat(inconsistentConversations()).isZero();
	}

	@Test
	void recoversARunLeftStartedByAProcessThatDied() {
		history.failWritesBeyond(1_000);
		JobExecution killed = jobs.run("generate", Map.of("contacts", "2000"));
		history.stopFailing();
		history.markAsLeftRunning(killed.getId());

		JobExecution resumed = jobs.run("generate", Map.of("contacts", "2000"));

		assertThat(resumed.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(resumed.getJobInstanceId()).isEqualTo(killed.getJobInstanceId());
		assertThat(store.count("contact")).isEqualTo(2_000);
	}

	private long inconsistentConversations() {
		return store.jdbc().sql("""
				select count(*) from conversation c
				where c.message_count <> (select count(*) from message m where m.conversation_id = c.id)
				   or c.last_message_at <> (select max(sent_at) from message m where m.conversation_id = c.id)""")
			.query(Long.class)
			.single();
	}

	private List<String> names() {
		return store.jdbc().sql("select coalesce(name, '') from contact order by id").query(String.class).list();
	}
}
