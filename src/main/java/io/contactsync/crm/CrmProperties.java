package io.contactsync.crm;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How pushes talk to the CRMs. The mapping files' directory is {@code contactsync.mappings-directory}, kept with
 * the other edited files in {@link io.contactsync.policy.PolicyFilesProperties}.
 *
 * @param concurrency   CRM requests in flight at once for the whole process (each mapping's rate limit still
 *                      applies)
 * @param partitions    contact id ranges a push works on side by side
 * @param healthTimeout how long {@code /actuator/health} waits for a CRM before calling it down
 * @param retry         how a failed batch is tried again
 */
@ConfigurationProperties("contactsync.crm")
public record CrmProperties(@DefaultValue("8") int concurrency, @DefaultValue("4") int partitions,
		@DefaultValue("3s") Duration healthTimeout, @DefaultValue Retry retry) {

	public CrmProperties {
		// Each would otherwise fail only at the first push or health check, long after the start looked fine.
		if (concurrency < 1) {
			throw new IllegalStateException("contactsync.crm.concurrency must be at least 1, was " + concurrency);
		}
		if (partitions < 1) {
			throw new IllegalStateException("contactsync.crm.partitions must be at least 1, was " + partitions);
		}
		if (healthTimeout.toMillis() < 1) {
			throw new IllegalStateException("contactsync.crm.health-timeout must be at least 1ms, was " + healthTimeout);
		}
	}

	/**
	 * @param maxAttempts tries of one batch, the first included
	 * @param baseDelay   the backoff's first step, doubled with each attempt
	 * @param maxDelay    the longest wait, also for a vendor's Retry-After
	 */
	public record Retry(@DefaultValue("6") int maxAttempts, @DefaultValue("1s") Duration baseDelay,
			@DefaultValue("60s") Duration maxDelay) {

		public Retry {
			if (maxAttempts < 1) {
				throw new IllegalStateException("contactsync.crm.retry.max-attempts must be at least 1, was " + maxAttempts);
			}
			if (baseDelay.isNegative()) {
				throw new IllegalStateException("contactsync.crm.retry.base-delay must not be negative, was " + baseDelay);
			}
			if (maxDelay.compareTo(baseDelay) < 0) {
				throw new IllegalStateException("contactsync.crm.retry.max-delay must not be less than base-delay, was "
						+ maxDelay);
			}
		}
	}
}
