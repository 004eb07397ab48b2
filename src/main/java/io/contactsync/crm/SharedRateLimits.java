package io.contactsync.crm;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Each mapping's rate limit as one Bucket4j token bucket in the store's {@code crm_rate_bucket} table, so that
 * every instance pushing to a CRM (a manager and its workers, each with its sender threads) takes from the same
 * allowance and together they never send more than the mapping allows.
 * <p>
 * The bucket holds one token and gains one every {@code per / requests}: requests go out evenly, each taking the
 * next free slot. A whole window's allowance in one burst would meet vendors that meter on their own clocks (and
 * HubSpot answers bursts with 423 locks); an even pace is what stays under the limit. A request that must wait
 * reserves its slot in the same row lock and sleeps outside it, so waiting costs no connection.
 * <p>
 * A daily budget ({@code rateLimit.perDay}) is a second limit of the same bucket, refilled whole a day after it
 * started; a request that would wait longer than {@link #LONGEST_WAIT} for it fails at once instead, so the push
 * stops with the rest left for the next run rather than hold its threads for hours. A CRM that says it allows less
 * than the mapping ({@link #limitSeen}) slows the bucket down for every instance.
 */
@Component
class SharedRateLimits implements RequestPace {

	private static final Logger log = LoggerFactory.getLogger(SharedRateLimits.class);

	/** Far longer than any pace or back-off; short of a day's budget coming back. */
	static final Duration LONGEST_WAIT = Duration.ofHours(1);

	private final ProxyManager<String> buckets;

	private final Map<String, BucketProxy> proxies = new ConcurrentHashMap<>();

	/** Per bucket, the time between two requests where a CRM's limit made it longer than the mapping's. */
	private final Map<String, Duration> slowed = new ConcurrentHashMap<>();

	SharedRateLimits(DataSource dataSource) {
		this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
			.primaryKeyMapper(PrimaryKeyMapper.STRING)
			.table("crm_rate_bucket")
			.idColumn("id")
			.stateColumn("state")
			.build();
	}

	@Override
	public void await(CrmMapping mapping) {
		try {
			if (!bucket(mapping).asBlocking().tryConsume(1, LONGEST_WAIT)) {
				throw new CrmUnavailableException("the daily budget of " + mapping.rateLimit().perDay()
						+ " requests of mapping " + mapping.name() + " is spent; the rest waits for the next run", null);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new CrmUnavailableException("stopped while waiting for the rate limit of " + mapping.name(), ex);
		}
	}

	/**
	 * Takes the slots of {@code pause} ahead of time, unless they are already taken: a 429 seen by one instance
	 * holds back every instance's next request, and several threads seeing the same 429 push back once, not once
	 * each.
	 */
	@Override
	public void backOff(CrmMapping mapping, Duration pause) {
		BucketProxy bucket = bucket(mapping);
		long wanted = pause.toNanos() / slowed.getOrDefault(key(mapping), interval(mapping.rateLimit())).toNanos();
		long owed = -Math.min(0, bucket.getAvailableTokens());
		if (wanted > owed) {
			bucket.consumeIgnoringRateLimits(wanted - owed);
		}
	}

	/**
	 * Paces every instance to the CRM's limit from now on when it is stricter than the mapping's: a portal on a lower
	 * tier than the mapping was written for would otherwise answer a 429 for every request over its limit.
	 */
	@Override
	public void limitSeen(CrmMapping mapping, CrmMapping.RateLimit crmLimit) {
		String key = key(mapping);
		Duration crmInterval = interval(crmLimit);
		if (crmInterval.compareTo(slowed.getOrDefault(key, interval(mapping.rateLimit()))) <= 0) {
			return;
		}
		slowed.put(key, crmInterval);
		bucket(mapping).replaceConfiguration(configuration(crmInterval, mapping.rateLimit().perDay()),
				TokensInheritanceStrategy.AS_IS);
		log.warn("{} allows {} requests per {} s, fewer than the {} per {} s of mapping {}: every instance now sends "
				+ "at most {}'s rate; lower rateLimit in the mapping to match", mapping.target().code(),
				crmLimit.requests(), crmLimit.per().toSeconds(), mapping.rateLimit().requests(),
				mapping.rateLimit().per().toSeconds(), mapping.name(), mapping.target().code());
	}

	private BucketProxy bucket(CrmMapping mapping) {
		CrmMapping.RateLimit limit = mapping.rateLimit();
		return proxies.computeIfAbsent(key(mapping),
				id -> buckets.builder().build(id, () -> configuration(interval(limit), limit.perDay())));
	}

	/** Keyed by the limit too: a mapping whose limit was edited starts a bucket of the new size. */
	private static String key(CrmMapping mapping) {
		CrmMapping.RateLimit limit = mapping.rateLimit();
		return mapping.name() + "|" + limit.requests() + "/" + limit.per()
				+ (limit.perDay() == null ? "" : "|" + limit.perDay() + "/day");
	}

	private static BucketConfiguration configuration(Duration interval, Integer perDay) {
		var configuration = BucketConfiguration.builder()
			.addLimit(Bandwidth.builder().capacity(1).refillGreedy(1, interval).build());
		if (perDay != null) {
			configuration.addLimit(Bandwidth.builder().capacity(perDay).refillIntervally(perDay, Duration.ofDays(1))
				.build());
		}
		return configuration.build();
	}

	private static Duration interval(CrmMapping.RateLimit limit) {
		return limit.per().dividedBy(limit.requests());
	}
}
