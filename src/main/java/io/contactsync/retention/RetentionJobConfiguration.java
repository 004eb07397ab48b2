package io.contactsync.retention;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import io.contactsync.capture.CaptureInbox;
import io.contactsync.jobs.AsOfFirstStart;
import io.contactsync.jobs.RunParameters;
import io.contactsync.jobs.TableUpkeep;
import io.contactsync.policy.PolicyFiles;
import io.contactsync.store.AuditLog;
import io.contactsync.store.PersonalDataEraser;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.flow.FlowExecutionStatus;
import org.springframework.batch.core.job.flow.JobExecutionDecider;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParametersValidator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The job {@code retention}: the policy of {@code jobs/retention.yml} applied to the store. Three steps, each
 * one set-based transaction, so a killed run leaves each step's work whole or undone and a rerun finishes it:
 * <ol>
 * <li>{@code purgeErasures}: contacts whose erasure request is due are purged with every trace of them;</li>
 * <li>{@code reviewInactive}: quiet contacts are deleted or archived as the policy says;</li>
 * <li>{@code dropOldCaptures}: raw capture payloads past their keeping time are dropped.</li>
 * </ol>
 * crm-push, the next step of nightly-sync, deletes the purged contacts from every CRM they reached.
 * <p>
 * {@code only=erasures} runs the first step alone: nightly-sync does so when a step before retention failed, so
 * that a due erasure is never held up by a broken import.
 * <p>
 * One optional parameter, {@code asOf} (an ISO date or instant, not in the future): the run reviews the store as
 * of then, e.g. to see what a policy would have done. It defaults to the moment the run first started, kept in its
 * execution context, so a resumed run reviews as the uninterrupted one would have.
 */
@Configuration(proxyBeanMethods = false)
class RetentionJobConfiguration {

	static final String JOB_NAME = "retention";

	static final String AS_OF = "retention.asOf";

	private static final String FILE = "retention.yml";

	/** {@code only=erasures}: the due erasures and nothing else, e.g. when tonight's captures did not come in. */
	static final String ERASURES = "erasures";

	/**
	 * Whether the run reviews only the due erasures. Reviewing quiet contacts needs the day's activity (a visitor
	 * who came back today must not be archived as quiet), an erasure is due whatever came in.
	 */
	private static final JobExecutionDecider ERASURES_ONLY_DECIDER = (jobExecution, stepExecution) ->
		new FlowExecutionStatus(ERASURES.equals(jobExecution.getJobParameters().getString("only")) ? ERASURES : "ALL");

	/**
	 * The policy: {@code jobs/retention.yml}, or the copy of the shipped one inside the jar when the jobs
	 * directory has none. A mistake stops the start with file, line and fix.
	 */
	@Bean
	RetentionPolicy retentionPolicy(PolicyFiles policyFiles) throws IOException {
		return policyFiles.read(FILE, RetentionJobConfiguration.class,
				(file, yaml) -> new RetentionFileReader(file).read(yaml), RetentionPolicy::summary);
	}

	@Bean
	ContactPurge contactPurge(JdbcClient jdbc, List<PersonalDataEraser> erasers, AuditLog audit) {
		return new ContactPurge(jdbc, erasers, audit);
	}

	@Bean
	@StepScope
	ErasurePurge erasurePurge(ContactPurge contactPurge, @Value("#{jobExecutionContext['" + AS_OF + "']}") String asOf) {
		return new ErasurePurge(contactPurge, Instant.parse(asOf));
	}

	@Bean
	@StepScope
	InactiveContacts inactiveContacts(JdbcClient jdbc, ContactPurge contactPurge, AuditLog audit,
			RetentionPolicy retentionPolicy, @Value("#{jobExecutionContext['" + AS_OF + "']}") String asOf,
			ZoneId zone) {
		return new InactiveContacts(jdbc, contactPurge, audit, retentionPolicy, Instant.parse(asOf), zone);
	}

	@Bean
	@StepScope
	OldCapturePayloads oldCapturePayloads(CaptureInbox inbox, RetentionPolicy retentionPolicy,
			@Value("#{jobExecutionContext['" + AS_OF + "']}") String asOf) {
		return new OldCapturePayloads(inbox, retentionPolicy, Instant.parse(asOf));
	}

	@Bean
	Job retentionJob(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			ErasurePurge erasurePurge, InactiveContacts inactiveContacts, OldCapturePayloads oldCapturePayloads,
			TableUpkeep upkeep, Clock clock, ZoneId zone) {
		return new JobBuilder(JOB_NAME, jobRepository).validator(validator(clock, zone))
			.listener(AsOfFirstStart.fromParameter(AS_OF, clock, zone))
			.start(new StepBuilder("purgeErasures", jobRepository).tasklet(erasurePurge, transactionManager).build())
			.next(ERASURES_ONLY_DECIDER)
			.on(ERASURES).end()
			.from(ERASURES_ONLY_DECIDER)
			.on("*")
			.to(new StepBuilder("reviewInactive", jobRepository).tasklet(inactiveContacts, transactionManager).build())
			.next(new StepBuilder("dropOldCaptures", jobRepository).tasklet(oldCapturePayloads, transactionManager)
				.build())
			.next(upkeep.step(jobRepository, "reviewInactive", List.of("contact", "conversation", "message")))
			.end()
			.build();
	}

	private static JobParametersValidator validator(Clock clock, ZoneId zone) {
		return parameters -> {
			for (var parameter : parameters) {
				String name = parameter.name();
				if (name.equals("only")) {
					if (!ERASURES.equals(String.valueOf(parameter.value()))) {
						throw new InvalidJobParametersException("only takes one value, erasures (purge the due erasure"
								+ " requests and nothing else), not '" + parameter.value() + "'.");
					}
				}
				else if (name.equals(AsOfFirstStart.PARAMETER)) {
					AsOfFirstStart.check(parameter.value(), clock, zone);
				}
				else if (!RunParameters.isSetByContactSync(name)) {
					throw new InvalidJobParametersException("retention takes only asOf=<date or instant> and"
							+ " only=erasures (its policy is"
							+ " in jobs/" + FILE + "); '" + name + "' is not a parameter.");
				}
			}
		};
	}
}
