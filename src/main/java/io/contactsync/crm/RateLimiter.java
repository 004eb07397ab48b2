package io.contactsync.crm;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * At most {@code requests} requests in any window of {@code per}: a sliding log of the last requests'
 * times. Blocks the caller until the next request may go; keeps the push under the vendor's limit
 * instead of learning it from 429s.
 */
final class RateLimiter {

	private final int requests;

	private final long windowNanos;

	private final Deque<Long> sent = new ArrayDeque<>();

	RateLimiter(int requests, Duration per) {
		this.requests = requests;
		this.windowNanos = per.toNanos();
	}

	synchronized void acquire() throws InterruptedException {
		while (true) {
			long now = System.nanoTime();
			while (!sent.isEmpty() && now - sent.peekFirst() >= windowNanos) {
				sent.removeFirst();
			}
			if (sent.size() < requests) {
				sent.addLast(now);
				return;
			}
			long waitNanos = windowNanos - (now - sent.peekFirst());
			wait(Math.max(1, waitNanos / 1_000_000), (int) (waitNanos % 1_000_000));
		}
	}
}
