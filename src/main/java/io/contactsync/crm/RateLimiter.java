package io.contactsync.crm;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * At most {@code requests} requests in any window of {@code per}, spread evenly: each request takes the
 * next free slot, one {@code per / requests} after the one before. A sliding log would let a whole
 * window's allowance out in one burst and then stall; vendors meter their windows on their own clocks
 * (and HubSpot answers bursts with 423 locks), so an even pace is what stays under the limit, and what
 * the push benchmark measures against.
 */
final class RateLimiter {

	private final long intervalNanos;

	/** When the next slot is free (System.nanoTime); a slot left unused is not saved up for a burst. */
	private long nextSlot = Long.MIN_VALUE;

	RateLimiter(int requests, Duration per) {
		this.intervalNanos = per.toNanos() / requests;
	}

	/** Blocks the caller until its slot comes. */
	void acquire() throws InterruptedException {
		long slot;
		synchronized (this) {
			long now = System.nanoTime();
			slot = nextSlot == Long.MIN_VALUE || nextSlot - now < 0 ? now : nextSlot;
			nextSlot = slot + intervalNanos;
		}
		long wait = slot - System.nanoTime();
		if (wait > 0) {
			TimeUnit.NANOSECONDS.sleep(wait);
		}
	}
}
