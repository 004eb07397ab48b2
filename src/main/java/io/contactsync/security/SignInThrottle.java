package io.contactsync.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.TimeMeter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Failed sign-ins per client address, the dashboard's form and the API's bearer tokens together: an address may
 * fail {@code max-failures-per-minute} times, then it is refused until its minute is over. A refused address is
 * refused even with a right token: were a right token let through, a guesser could go on guessing and tell the
 * right guess by the answer, and the throttle would slow nothing. Successful sign-ins are not counted; they do not
 * clear the count either, or a viewer's token would buy endless guesses at the admin's.
 * <p>
 * Every failure and every refusal is logged at WARN with the address and the time, never with the token.
 * <p>
 * The address is the request's remote address: behind a proxy that is the proxy's unless
 * {@code server.forward-headers-strategy} is set (see the README).
 */
public final class SignInThrottle {

	/** The request attribute that tells the sign-in page a form post was refused: the seconds to wait. */
	public static final String RETRY_AFTER_SECONDS = "io.contactsync.security.SignInThrottle.retryAfterSeconds";

	private static final Logger log = LoggerFactory.getLogger(SignInThrottle.class);

	private static final Duration WINDOW = Duration.ofMinutes(1);

	/** Longer than any IP address written out (45 characters for IPv6 with IPv4 inside). */
	private static final int MAX_ADDRESS_LENGTH = 64;

	private final int maxFailures;

	private final Clock clock;

	private final TimeMeter time;

	/**
	 * The addresses' buckets, the least recently used first. Bounded: past the limit the address quiet for the
	 * longest is forgotten. An address still trying stays recent and so is the last to go; one forgotten early
	 * only gets its attempts back after as many other addresses failed since, and whoever has that many
	 * addresses has that many times the attempts anyway.
	 */
	private final Map<String, Bucket> buckets;

	SignInThrottle(SignInThrottleProperties properties, Clock clock) {
		this.maxFailures = properties.maxFailuresPerMinute();
		this.clock = clock;
		// The service's clock rather than the system's: the tests move it instead of sleeping for a minute.
		this.time = new ClockTime(clock);
		int tracked = properties.trackedAddresses();
		this.buckets = new LinkedHashMap<>(16, 0.75f, true) {
			@Override
			protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
				return size() > tracked;
			}
		};
	}

	/**
	 * Counts an attempt before its token is checked, for the dashboard's form: there Spring Security decides and
	 * answers after this, too late to render a refusal, so the attempt is counted first and given back by
	 * {@link #succeeded} when the token was right. Counting first also means that many attempts sent at once
	 * cannot all slip past a check made before any of them failed.
	 * @return how long to wait, when the address has no attempts left (logged)
	 */
	Optional<Duration> countAttempt(String remoteAddress, String what) {
		String address = address(remoteAddress);
		ConsumptionProbe probe = bucket(address).tryConsumeAndReturnRemaining(1);
		return probe.isConsumed() ? Optional.empty() : refused(address, what, probe.getNanosToWaitForRefill());
	}

	/** The attempt {@link #countAttempt} counted had a right token: it does not count against the address. */
	void succeeded(String remoteAddress) {
		existing(address(remoteAddress)).ifPresent(bucket -> bucket.addTokens(1));
	}

	/** The attempt {@link #countAttempt} counted had a wrong token: logged, as it is already counted. */
	void failed(String remoteAddress, String what) {
		logFailure(address(remoteAddress), what);
	}

	/**
	 * A wrong token, counted now, for the API: its tokens are checked first, so that right ones never wait on
	 * the count. The answer to a wrong token is told only when it could be counted, so attempts sent at once
	 * learn no more than the limit allows.
	 * @return how long to wait, when the address had no attempts left (logged as a refusal, else as a failure)
	 */
	Optional<Duration> countFailure(String remoteAddress, String what) {
		String address = address(remoteAddress);
		ConsumptionProbe probe = bucket(address).tryConsumeAndReturnRemaining(1);
		if (!probe.isConsumed()) {
			return refused(address, what, probe.getNanosToWaitForRefill());
		}
		logFailure(address, what);
		return Optional.empty();
	}

	/**
	 * A right token, for the API: refused all the same while the address has no attempts left.
	 * @return how long to wait, when the address is refused (logged)
	 */
	Optional<Duration> refusal(String remoteAddress, String what) {
		String address = address(remoteAddress);
		Optional<Bucket> bucket = existing(address);
		if (bucket.isEmpty()) {
			return Optional.empty();
		}
		EstimationProbe probe = bucket.get().estimateAbilityToConsume(1);
		return probe.canBeConsumed() ? Optional.empty() : refused(address, what, probe.getNanosToWaitForRefill());
	}

	/** Whole seconds for a {@code Retry-After} header: rounded up, and at least one. */
	static long seconds(Duration wait) {
		long seconds = wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0);
		return Math.max(1, seconds);
	}

	private Optional<Duration> refused(String address, String what, long nanosToWait) {
		Duration wait = Duration.ofNanos(nanosToWait);
		log.warn("Refused {} from {} at {}: {} failed sign-ins within a minute already; it may try again in {} s",
				what, address, now(), maxFailures, seconds(wait));
		return Optional.of(wait);
	}

	private void logFailure(String address, String what) {
		log.warn("Failed {} from {} at {}", what, address, now());
	}

	private Bucket bucket(String address) {
		synchronized (buckets) {
			return buckets.computeIfAbsent(address, ignored -> Bucket.builder()
				.addLimit(limit -> limit.capacity(maxFailures).refillIntervally(maxFailures, WINDOW))
				.withCustomTimePrecision(time)
				.build());
		}
	}

	private Optional<Bucket> existing(String address) {
		synchronized (buckets) {
			return Optional.ofNullable(buckets.get(address));
		}
	}

	private Instant now() {
		return clock.instant().truncatedTo(ChronoUnit.SECONDS);
	}

	/**
	 * The address as a map key and in the log: behind a proxy it may come from a request header, so it is cut
	 * short (no key grows the map's memory by kilobytes) and keeps only what addresses are written with (no
	 * line break or other text gets into the log line).
	 */
	private static String address(String remoteAddress) {
		if (remoteAddress == null || remoteAddress.isEmpty()) {
			return "unknown";
		}
		String address = remoteAddress.length() > MAX_ADDRESS_LENGTH ? remoteAddress.substring(0, MAX_ADDRESS_LENGTH)
				: remoteAddress;
		return address.replaceAll("[^0-9A-Za-z.:%\\[\\]_-]", "?");
	}

	/** Bucket4j's time from the service's clock. */
	private record ClockTime(Clock clock) implements TimeMeter {

		@Override
		public long currentTimeNanos() {
			return ChronoUnit.NANOS.between(Instant.EPOCH, clock.instant());
		}

		@Override
		public boolean isWallClockBased() {
			return true;
		}
	}
}
