package io.contactsync.jobs;

import org.springframework.batch.integration.launch.JobLaunchingGateway;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.messaging.MessageChannel;

/**
 * Launching jobs through Spring Integration: every launch, from the HTTP trigger ({@code api/}), the dashboard or
 * the schedule, goes through the channel {@value JobLaunches#CHANNEL} into Spring Batch's {@code JobLaunchingGateway},
 * which starts the run in the background and answers with its execution; the run lock is taken on the way in.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ FileRootsProperties.class, DemoJobsProperties.class })
class JobLaunchConfiguration {

	@Bean
	IntegrationFlow jobLaunchFlow(BackgroundJobOperator background, LaunchLocks locks) {
		return IntegrationFlow.from(JobLaunches.CHANNEL)
			.handle(new JobLaunchingGateway(background.operator()), endpoint -> endpoint.advice(new RunLockAdvice(locks)))
			.get();
	}

	@Bean(JobLaunches.CHANNEL)
	MessageChannel jobLaunchRequests() {
		return new DirectChannel();
	}
}
