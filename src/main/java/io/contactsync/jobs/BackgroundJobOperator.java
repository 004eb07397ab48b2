package io.contactsync.jobs;

import java.util.List;
import java.util.function.UnaryOperator;

import org.springframework.batch.core.configuration.DuplicateJobException;
import org.springframework.batch.core.configuration.support.MapJobRegistry;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobExecutionException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.launch.support.JobOperatorFactoryBean;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Runs jobs on their own threads, for launches that must answer at once (HTTP, schedule) rather than wait for the
 * run's end as the command line does. Each run carries its job's run lock (see {@link LaunchLocks}).
 * <p>
 * Deliberately not a {@link JobOperator} bean: the command line, job steps and tests keep Spring Batch's
 * synchronous operator.
 */
@Component
public class BackgroundJobOperator {

	private final JobOperator operator;

	private final LaunchLocks locks;

	BackgroundJobOperator(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			List<Job> jobs, LaunchLocks locks) throws Exception {
		this.locks = locks;
		SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("job-");
		executor.setTaskDecorator(locks.decorator());
		MapJobRegistry registry = new MapJobRegistry();
		for (Job job : jobs) {
			register(registry, job);
		}
		JobOperatorFactoryBean factory = new JobOperatorFactoryBean();
		factory.setJobRepository(jobRepository);
		factory.setJobRegistry(registry);
		factory.setTransactionManager(transactionManager);
		factory.setTaskExecutor(executor);
		factory.afterPropertiesSet();
		this.operator = factory.getObject();
	}

	/** The operator behind Spring Batch's {@code JobLaunchingGateway} of the HTTP trigger and the schedule. */
	JobOperator operator() {
		return operator;
	}

	/**
	 * Restarts an execution in the background, holding its job's lock from here on.
	 * @param prepare called with the lock held, before the restart (recovers a run whose process died)
	 */
	JobExecution restart(Job job, JobExecution execution, UnaryOperator<JobExecution> prepare) {
		return locks.holding(job.getName(), () -> {
			try {
				// start() with the parameters of a failed or stopped instance restarts it.
				return operator.start(job, prepare.apply(execution).getJobParameters());
			}
			catch (JobExecutionException ex) {
				throw new ExecutionStateException("Execution " + execution.getId() + " cannot be restarted: "
						+ ex.getMessage());
			}
		});
	}

	private static void register(MapJobRegistry registry, Job job) {
		try {
			registry.register(job);
		}
		catch (DuplicateJobException ex) {
			throw new IllegalStateException("Two jobs are named " + job.getName(), ex);
		}
	}
}
