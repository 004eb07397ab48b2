package io.contactsync.crm;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.stereotype.Component;

/**
 * How long to wait before trying a batch again: exponential backoff with full jitter, so that several
 * pushes do not come back in step, unless the vendor said how long (Retry-After, rate-limit window).
 */
@Component
public class RetryPolicy {

	private final int maxAttempts;

	private final Duration baseDelay;

	private final Duration maxDelay;

	public RetryPolicy(CrmProperties properties) {
		this.maxAttempts = properties.retry().maxAttempts();
		this.baseDelay = properties.retry().baseDelay();
		this.maxDelay = properties.retry().maxDelay();
	}

	public boolean mayRetry(int attempt) {
		return attempt < maxAttempts;
	}

	/** The wait before attempt {@code attempt + 1}; {@code told} is the vendor's own figure, if any. */
	public Duration delay(int attempt, Duration told) {
		if (told != null) {
			return told.compareTo(maxDelay) > 0 ? maxDelay : told;
		}
		long cap = Math.min(maxDelay.toMillis(), baseDelay.toMillis() << Math.min(attempt, 20));
		return Duration.ofMillis(ThreadLocalRandom.current().nextLong(cap + 1));
	}

	public void sleep(Duration delay) {
		try {
			Thread.sleep(delay.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new CrmUnavailableException("Interrupted while waiting to retry", ex);
		}
	}
}
