package io.contactsync.jobs;

import java.time.Clock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The server schedules the jobs of jobs/*.yml; a `run` command does not (it runs one job and exits), nor does a
 * cluster's worker (its manager schedules).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
@ConditionalOnExpression(ClusterProperties.NOT_WORKER)
@ConditionalOnBooleanProperty(name = "contactsync.scheduler.enabled", matchIfMissing = true)
class JobSchedulingConfiguration {

	@Bean(initMethod = "start", destroyMethod = "stop")
	JobScheduler jobScheduler(JobFiles files, JobStarter starter, JobLaunches launches, JobRuns runs, Clock clock) {
		return new JobScheduler(files.schedules(), starter, launches, runs, clock);
	}
}
