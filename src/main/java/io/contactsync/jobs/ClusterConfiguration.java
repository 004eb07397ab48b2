package io.contactsync.jobs;

import jakarta.jms.ConnectionFactory;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.batch.integration.partition.StepExecutionRequestHandler;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.artemis.autoconfigure.ArtemisProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.jms.dsl.Jms;
import org.springframework.jms.connection.CachingConnectionFactory;
import org.springframework.messaging.MessageChannel;
import org.springframework.util.StringUtils;

/**
 * The broker side of a cluster, absent in standalone mode (Spring Boot's own Artemis auto-configuration is left
 * out, so that a standalone process never opens a broker connection). A manager sends each partition of a
 * partitioned step as a text message naming the step and its execution; a worker runs it and acknowledges the
 * message only when the partition has ended, so that a worker killed mid-partition leaves the message to the
 * broker, which gives it to another worker, which resumes the partition from its last commit.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression(ClusterProperties.IN_CLUSTER)
@EnableConfigurationProperties(ArtemisProperties.class)
class ClusterConfiguration {

	/** The channel partitioned steps send their requests on, in a manager. */
	static final String REQUESTS = "partitionRequests";

	@Bean
	ConnectionFactory clusterConnectionFactory(ArtemisProperties artemis, ClusterBroker broker) {
		String url = broker.isRunning() ? "vm://0" : artemis.getBrokerUrl();
		ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(url, artemis.getUser(), artemis.getPassword());
		// A worker takes one request at a time per thread: a buffered one would wait for a busy worker while another
		// is idle, and would go back to the broker only when this worker dies.
		factory.setConsumerWindowSize(0);
		return factory;
	}

	@Bean(initMethod = "start", destroyMethod = "stop")
	ClusterBroker clusterBroker(ArtemisProperties artemis, ClusterProperties cluster) {
		boolean own = cluster.mode() == ClusterProperties.Mode.MANAGER && !StringUtils.hasText(artemis.getBrokerUrl());
		return new ClusterBroker(own ? cluster.embeddedBroker() : null);
	}

	@Bean(REQUESTS)
	@ConditionalOnProperty(name = "contactsync.cluster.mode", havingValue = "manager")
	MessageChannel partitionRequests() {
		return new DirectChannel();
	}

	@Bean
	@ConditionalOnProperty(name = "contactsync.cluster.mode", havingValue = "manager")
	IntegrationFlow partitionRequestsToBroker(@Qualifier(REQUESTS) MessageChannel partitionRequests,
			ConnectionFactory connectionFactory, ClusterProperties cluster) {
		return IntegrationFlow.from(partitionRequests)
			.transform(StepExecutionRequest.class, PartitionRequestText::write)
			.handle(Jms.outboundAdapter(new CachingConnectionFactory(connectionFactory)).destination(cluster.queue()))
			.get();
	}

	@Bean
	@ConditionalOnProperty(name = "contactsync.cluster.mode", havingValue = "worker")
	IntegrationFlow partitionRequestsFromBroker(ConnectionFactory connectionFactory, ClusterProperties cluster,
			JobRepository jobRepository, PartitionedSteps steps) {
		StepExecutionRequestHandler handler = new StepExecutionRequestHandler();
		handler.setJobRepository(jobRepository);
		handler.setStepLocator(steps);
		return IntegrationFlow
			.from(Jms.messageDrivenChannelAdapter(Jms.container(connectionFactory, cluster.queue())
				.sessionTransacted(true)
				.concurrentConsumers(cluster.workerThreads())
				.maxConcurrentConsumers(cluster.workerThreads())))
			.transform(String.class, text -> PartitionRequestText.read(text, steps))
			.handle(StepExecutionRequest.class, (request, headers) -> {
				handler.handle(request);
				return null;
			})
			.get();
	}
}
