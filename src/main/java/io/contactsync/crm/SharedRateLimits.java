package io.contactsync.crm;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;

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
 */
@Component
class SharedRateLimits implements RequestPace {

	private final ProxyManager<String> buckets;

	private final Map<String, BucketProxy> proxies = new ConcurrentHashMap<>();

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
			bucket(mapping).asBlocking().consume(1);
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
		long wanted = pause.toNanos() / interval(mapping.rateLimit()).toNanos();
		long owed = -Math.min(0, bucket.getAvailableTokens());
		if (wanted > owed) {
			bucket.consumeIgnoringRateLimits(wanted - owed);
		}
	}

	private BucketProxy bucket(CrmMapping mapping) {
		CrmMapping.RateLimit limit = mapping.rateLimit();
		// Keyed by the limit too: a mapping whose limit was edited starts a bucket of the new size.
		String key = mapping.name() + "|" + limit.requests() + "/" + limit.per();
		return proxies.computeIfAbsent(key, id -> buckets.builder().build(id, () -> configuration(limit)));
	}

	private static BucketConfiguration configuration(CrmMapping.RateLimit limit) {
		return BucketConfiguration.builder()
			.addLimit(Bandwidth.builder().capacity(1).refillGreedy(1, interval(limit)).build())
			.build();
	}

	private static Duration interval(CrmMapping.RateLimit limit) {
		return limit.per().dividedBy(limit.requests());
	}
}
