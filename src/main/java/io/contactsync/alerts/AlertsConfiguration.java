package io.contactsync.alerts;

import java.time.Clock;

import io.contactsync.jobs.ClusterProperties;
import io.contactsync.jobs.JobFiles;
import io.contactsync.jobs.JobRuns;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import tools.jackson.databind.json.JsonMapper;

/** The alerts: the rules that judge runs, the missed-run check, and the sender with its own threads. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AlertsProperties.class)
class AlertsConfiguration {

	@Bean
	AlertDestinations alertDestinations(AlertRules alertRules, Environment environment, AlertsProperties properties) {
		return new AlertDestinations(alertRules, environment, properties);
	}

	@Bean(destroyMethod = "stop")
	AlertSender alertSender(AlertDestinations destinations, JsonMapper json, AlertsProperties properties,
			Clock clock) {
		return new AlertSender(destinations, new AlertMessages(json), properties, clock);
	}

	@Bean
	RunAlerts runAlerts(AlertRules alertRules, JobRuns runs, AlertSender sender, AlertsProperties properties) {
		return new RunAlerts(alertRules, runs, sender, properties);
	}

	/**
	 * Only where the schedules fire: the server, unless its scheduler is off (a `run` command schedules nothing) or
	 * it is a cluster's worker.
	 */
	@Bean(initMethod = "start", destroyMethod = "stop")
	@ConditionalOnWebApplication
	@ConditionalOnExpression(ClusterProperties.NOT_WORKER)
	@ConditionalOnBooleanProperty(name = "contactsync.scheduler.enabled", matchIfMissing = true)
	MissedRunCheck missedRunCheck(JobFiles files, JobRuns runs, AlertRules alertRules, AlertSender sender,
			Clock clock, AlertsProperties properties) {
		return new MissedRunCheck(files.schedules(), runs, alertRules, sender, clock, properties);
	}
}
