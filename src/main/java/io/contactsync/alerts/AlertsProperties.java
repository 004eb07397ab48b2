package io.contactsync.alerts;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How alerts are sent; when they fire and where to is jobs/alerts.yml's.
 *
 * @param dashboardUrl    where people open the dashboard, for the link to the run in each alert
 * @param allowPlainHttp  true lets a destination's URL be http:// to any host; otherwise only https://, or http to
 *                        localhost (a receiver on the same machine)
 * @param missedRunCheck  how often the schedules are checked for a run that did not start
 * @param connectTimeout  how long one attempt may take to connect
 * @param timeout         how long one attempt may wait for the answer
 * @param queueCapacity   alerts waiting for a sending thread at most; past that new ones are dropped with a warning
 * @param shutdownWait    how long the service, or a {@code run} command, waits at exit for alerts still being sent
 */
@ConfigurationProperties("contactsync.alerts")
public record AlertsProperties(@DefaultValue("http://localhost:8080") URI dashboardUrl,
		@DefaultValue("false") boolean allowPlainHttp, @DefaultValue("1m") Duration missedRunCheck,
		@DefaultValue("5s") Duration connectTimeout, @DefaultValue("10s") Duration timeout, @DefaultValue Retry retry,
		@DefaultValue("100") int queueCapacity, @DefaultValue("15s") Duration shutdownWait) {

	/**
	 * Attempts of one alert to one destination: the first at once, then after {@code baseDelay}, doubling up to
	 * {@code maxDelay}.
	 */
	public record Retry(@DefaultValue("5") int maxAttempts, @DefaultValue("2s") Duration baseDelay,
			@DefaultValue("1m") Duration maxDelay) {

		public Retry {
			if (maxAttempts < 1 || maxAttempts > 20) {
				throw new IllegalStateException("contactsync.alerts.retry.max-attempts must be from 1 to 20, was "
						+ maxAttempts);
			}
			if (baseDelay.toMillis() < 1 || maxDelay.compareTo(baseDelay) < 0) {
				throw new IllegalStateException("contactsync.alerts.retry.base-delay must be at least 1ms and"
						+ " max-delay no less than it, were " + baseDelay + " and " + maxDelay);
			}
		}
	}

	public AlertsProperties {
		if (missedRunCheck.toMillis() < 1 || connectTimeout.toMillis() < 1 || timeout.toMillis() < 1) {
			throw new IllegalStateException("contactsync.alerts.missed-run-check, connect-timeout and timeout must"
					+ " each be at least 1ms");
		}
		if (queueCapacity < 1) {
			throw new IllegalStateException("contactsync.alerts.queue-capacity must be at least 1, was "
					+ queueCapacity);
		}
		if (shutdownWait.isNegative()) {
			throw new IllegalStateException("contactsync.alerts.shutdown-wait must not be negative");
		}
	}
}
