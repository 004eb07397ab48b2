package io.contactsync.crm;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code /actuator/health} has a {@code crm} part with one indicator per mapping ({@code crm.hubspot}, ...), so an
 * operator sees which CRM cannot be reached. The liveness and readiness probes leave them out: a CRM outage is no
 * reason to restart this service.
 */
@Configuration(proxyBeanMethods = false)
class CrmHealthConfiguration {

	@Bean
	CompositeHealthContributor crmHealthContributor(CrmMappings mappings, List<CrmConnector> connectors,
			CrmProperties properties) {
		Duration timeout = properties.healthTimeout();
		HttpClient http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
		Map<String, CrmReachability> indicators = new LinkedHashMap<>();
		for (CrmMapping mapping : mappings.all()) {
			connectors.stream().filter(connector -> connector.target() == mapping.target()).findFirst()
				.ifPresent(connector -> indicators.put(mapping.name(),
						new CrmReachability(mapping, connector, http, timeout)));
		}
		return CompositeHealthContributor.fromMap(indicators);
	}
}
