package io.contactsync.alerts;

import java.io.IOException;

import io.contactsync.policy.PolicyFiles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * jobs/alerts.yml, or the copy of the shipped one inside the jar when the jobs directory has none. Apart from the
 * rest of the alerts' wiring so that a test can start just this and see a bad file stop the start.
 */
@Configuration(proxyBeanMethods = false)
class AlertsFileConfiguration {

	static final String FILE = "alerts.yml";

	@Bean
	AlertRules alertRules(PolicyFiles policyFiles) throws IOException {
		return policyFiles.read(FILE, AlertsFileConfiguration.class,
				(file, yaml) -> new AlertsFileReader(file).read(yaml), AlertRules::summary);
	}
}
