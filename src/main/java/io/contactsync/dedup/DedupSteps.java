package io.contactsync.dedup;

import java.util.function.Function;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The shapes the dedup job's steps share: timed, with a summary line.
 * Apart from the configuration because they say how a step runs, not which step the job has; the
 * configuration keeps the beans and the order, these only build what it asks for.
 */
final class DedupSteps {

	private DedupSteps() {
	}

	/*
	 * After-step listeners run last registered first: a summary registered after the StepTimer is written
	 * before the timer reads it.
	 */
	static StepExecutionListener summary(Function<StepExecution, String> summary) {
		return new StepExecutionListener() {
			@Override
			public ExitStatus afterStep(StepExecution step) {
				step.getExecutionContext().putString(StepTimer.SUMMARY, summary.apply(step));
				return null;
			}
		};
	}

	static Step timedTaskletStep(String name, Tasklet tasklet, JobRepository jobRepository,
			PlatformTransactionManager transactionManager) {
		return new StepBuilder(name, jobRepository).tasklet(tasklet, transactionManager)
			.listener(new StepTimer())
			.build();
	}
}
