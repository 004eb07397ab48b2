package io.contactsync.jobs;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.ListableStepLocator;
import org.springframework.batch.core.step.builder.PartitionStepBuilder;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.integration.partition.RemotePartitioningManagerStepBuilder;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.messaging.MessageChannel;
import org.springframework.stereotype.Component;

/**
 * How every partitioned step is built, so that the cluster mode decides where its partitions run: on local threads
 * (standalone, and a worker's own command-line runs), or as requests the manager sends to the workers over the broker
 * (Spring Batch Integration's remote partitioning, the manager following its partitions in the job repository).
 * Every worker step built here is also what a worker looks up by name when a request for it arrives.
 */
@Component
public class PartitionedSteps implements ListableStepLocator {

	private final ClusterProperties cluster;

	private final ObjectProvider<MessageChannel> partitionRequests;

	private final BeanFactory beanFactory;

	private final Map<String, Step> workerSteps = new ConcurrentHashMap<>();

	PartitionedSteps(ClusterProperties cluster,
			@Qualifier(ClusterConfiguration.REQUESTS) ObjectProvider<MessageChannel> partitionRequests,
			BeanFactory beanFactory) {
		this.cluster = cluster;
		this.partitionRequests = partitionRequests;
		this.beanFactory = beanFactory;
	}

	/**
	 * A step that runs {@code worker} once per partition {@code partitioner} makes, never more than {@code gridSize}
	 * of them at once in one process.
	 */
	public PartitionStepBuilder partitioned(String name, Step worker, Partitioner partitioner, int gridSize,
			JobRepository jobRepository) {
		workerSteps.put(worker.getName(), worker);
		if (cluster.mode() == ClusterProperties.Mode.MANAGER) {
			return new RemotePartitioningManagerStepBuilder(name, jobRepository).partitioner(worker.getName(), partitioner)
				.gridSize(gridSize)
				.outputChannel(partitionRequests.getObject())
				.pollInterval(cluster.pollInterval().toMillis())
				.timeout(cluster.partitionTimeout().toMillis())
				.beanFactory(beanFactory);
		}
		SimpleAsyncTaskExecutor threads = new SimpleAsyncTaskExecutor(name + "-");
		threads.setConcurrencyLimit(gridSize);
		return new StepBuilder(name, jobRepository).partitioner(worker.getName(), partitioner)
			.step(worker)
			.gridSize(gridSize)
			.taskExecutor(threads);
	}

	@Override
	public Collection<String> getStepNames() {
		return workerSteps.keySet();
	}

	@Override
	public Step getStep(String stepName) {
		Step step = workerSteps.get(stepName);
		if (step == null) {
			throw new IllegalArgumentException("No partitioned step is named " + stepName);
		}
		return step;
	}
}
