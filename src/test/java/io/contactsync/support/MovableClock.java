package io.contactsync.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The tests' clock: it stands at {@link TestClock#NOW} until a test moves it on, e.g. to let a minute of the
 * sign-in throttle pass without waiting for it. The context is shared: a test that moves the clock puts it back
 * with {@link #reset()} when it ends.
 */
public final class MovableClock extends Clock {

	private final Instant start;

	private final AtomicReference<Instant> now;

	MovableClock(Instant start) {
		this.start = start;
		this.now = new AtomicReference<>(start);
	}

	public void advance(Duration duration) {
		now.updateAndGet(instant -> instant.plus(duration));
	}

	public void reset() {
		now.set(start);
	}

	@Override
	public Instant instant() {
		return now.get();
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return Clock.fixed(instant(), zone);
	}
}
