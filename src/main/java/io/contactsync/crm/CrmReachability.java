package io.contactsync.crm;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Whether one mapping's CRM can be reached from here: any HTTP answer from its server counts, so the check costs
 * no API call of the vendor's daily quota and needs no token. A mapping without credentials is pushed as a dry
 * run and is not checked.
 */
class CrmReachability implements HealthIndicator {

	private final CrmMapping mapping;

	private final CrmConnector connector;

	private final HttpClient http;

	private final Duration timeout;

	CrmReachability(CrmMapping mapping, CrmConnector connector, HttpClient http, Duration timeout) {
		this.mapping = mapping;
		this.connector = connector;
		this.http = http;
		this.timeout = timeout;
	}

	@Override
	public Health health() {
		if (!connector.hasCredentials(mapping)) {
			return Health.unknown().withDetail("reason", "no credentials in the environment: pushes are dry runs")
				.build();
		}
		URI server = URI.create(connector.endpoint(mapping));
		try {
			HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(server).timeout(timeout)
				.method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
			return Health.up().withDetail("server", server.getHost()).withDetail("status", answer.statusCode()).build();
		}
		catch (IOException ex) {
			return Health.down().withDetail("server", server.getHost())
				.withDetail("error", ex.getClass().getSimpleName())
				.build();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Health.unknown().build();
		}
	}
}
