package io.contactsync.jobs;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Whether this process runs jobs alone or as part of a cluster. The broker's address and credentials are Spring
 * Boot's own {@code spring.artemis.broker-url}, {@code spring.artemis.user} and {@code spring.artemis.password}.
 *
 * @param mode             {@code standalone} (partitions on local threads, no broker), {@code manager} (schedules,
 *                         serves the API and dashboard, sends each partition to the workers) or {@code worker}
 *                         (runs the partitions it is sent, serves only health and metrics)
 * @param queue            the broker queue partition requests travel on
 * @param workerThreads    partitions a worker runs at once
 * @param partitionTimeout how long the manager waits for all partitions of a step before it fails the step (the
 *                         restart then runs only the partitions that did not finish)
 * @param pollInterval     how often the manager reads the job repository for its partitions' progress
 * @param embeddedBroker   a manager without {@code spring.artemis.broker-url} starts a broker of its own, listening
 *                         here (loopback by default: open it to other hosts only on a network you trust, or run
 *                         an external Artemis with users)
 */
@ConfigurationProperties("contactsync.cluster")
public record ClusterProperties(@DefaultValue("standalone") Mode mode,
		@DefaultValue("contactsync.partitions") String queue, @DefaultValue("2") int workerThreads,
		@DefaultValue("12h") Duration partitionTimeout, @DefaultValue("1s") Duration pollInterval,
		@DefaultValue("tcp://127.0.0.1:61616") String embeddedBroker) {

	/** For {@code @ConditionalOnExpression}: what a manager or a standalone process has and a worker has not. */
	public static final String NOT_WORKER = "'${contactsync.cluster.mode:standalone}'.toLowerCase() != 'worker'";

	/** For {@code @ConditionalOnExpression}: what only a manager and a worker have. */
	public static final String IN_CLUSTER = "'${contactsync.cluster.mode:standalone}'.toLowerCase() != 'standalone'";

	public enum Mode {
		STANDALONE, MANAGER, WORKER
	}

	public ClusterProperties {
		if (workerThreads < 1) {
			throw new IllegalStateException("contactsync.cluster.worker-threads must be at least 1, was " + workerThreads);
		}
		if (pollInterval.toMillis() < 1 || partitionTimeout.compareTo(pollInterval) < 0) {
			throw new IllegalStateException("contactsync.cluster.poll-interval must be at least 1ms and at most "
					+ "contactsync.cluster.partition-timeout; they were " + pollInterval + " and " + partitionTimeout);
		}
	}
}
