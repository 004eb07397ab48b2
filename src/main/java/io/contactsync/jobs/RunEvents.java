package io.contactsync.jobs;

import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * Tells the other modules that a run ended ({@link RunEnded}), so that they can observe runs without a listener of
 * their own on every job. An observer's mistake must not change how the run ends: it is logged, not thrown.
 * <p>
 * Ordered: Spring Batch puts ordered listeners before the others and calls {@code afterJob} in reverse, so this one
 * runs last, once the other listeners have settled the run (nightly-sync's {@link FlowFailureReport} turns the
 * failed step, which Spring Batch left ABANDONED, back to FAILED).
 */
@Component
class RunEvents implements JobExecutionListener, Ordered {

	private static final Logger log = LoggerFactory.getLogger(RunEvents.class);

	private final ApplicationEventPublisher publisher;

	RunEvents(ApplicationEventPublisher publisher) {
		this.publisher = publisher;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public void afterJob(JobExecution execution) {
		try {
			// The wall clock, as Spring Batch's own times are.
			publisher.publishEvent(RunEnded.of(execution, Instant.now()));
		}
		catch (RuntimeException ex) {
			log.warn("An observer of execution {} of {} failed ({}); the run's outcome stands", execution.getId(),
					execution.getJobInstance().getJobName(), ex.getClass().getSimpleName());
		}
	}
}
