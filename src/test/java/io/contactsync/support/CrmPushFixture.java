package io.contactsync.support;

import java.util.Map;

import io.contactsync.jobs.JobStarter;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.boot.test.context.TestComponent;

/** What the CRM push tests of every vendor do alike: contacts to push, a push, and what a step said. */
@TestComponent
public class CrmPushFixture {

	private final StoreFixture store;

	private final JobStarter jobs;

	CrmPushFixture(StoreFixture store, JobStarter jobs) {
		this.store = store;
		this.jobs = jobs;
	}

	/** {@code count} contacts named "Visitor i" with the email visitor{i}@example.com. */
	public void visitors(int count) {
		for (int i = 0; i < count; i++) {
			store.contact().name("Visitor " + i).email("visitor" + i + "@example.com").insert();
		}
	}

	public JobExecution push(String target) {
		return jobs.run("crm-push", Map.of("target", target));
	}

	/** The CRM id recorded for the contact of this email. */
	public String crmId(String target, String email) {
		return store.jdbc().sql("""
				select l.crm_id from crm_link l join contact c on c.id = l.contact_id
				where l.target = :target and c.email = :email""")
			.param("target", target).param("email", email).query(String.class).single();
	}

	/** What the run's step said when it ended, e.g. "3 created, 0 updated, ...". */
	public static String said(JobExecution run, String step) {
		return run.getStepExecutions().stream().filter(execution -> execution.getStepName().equals(step))
			.findFirst().orElseThrow().getExitStatus().getExitDescription();
	}
}
