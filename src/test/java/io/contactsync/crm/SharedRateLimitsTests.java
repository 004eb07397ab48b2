package io.contactsync.crm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import io.contactsync.support.ApplicationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A mapping's rate limit is one bucket in the store: two instances (two {@link SharedRateLimits} on one database,
 * as a manager and a worker are) with several sender threads each never send more than the limit allows together,
 * and a 429 one of them saw holds the other back too.
 */
class SharedRateLimitsTests extends ApplicationTest {

	@Autowired
	DataSource dataSource;

	@Autowired
	CrmMappings mappings;

	@Test
	void twoInstancesTogetherKeepOneLimit() throws Exception {
		CrmMapping mapping = limited("shared-limit-test", 20, Duration.ofSeconds(1));
		List<SharedRateLimits> instances = List.of(new SharedRateLimits(dataSource), new SharedRateLimits(dataSource));
		List<Long> sent = Collections.synchronizedList(new ArrayList<>());
		ExecutorService threads = Executors.newFixedThreadPool(6);
		List<Future<?>> senders = new ArrayList<>();
		for (int thread = 0; thread < 6; thread++) {
			SharedRateLimits instance = instances.get(thread % 2);
			senders.add(threads.submit(() -> {
				for (int request = 0; request < 10; request++) {
					instance.await(mapping);
					sent.add(System.nanoTime());
				}
			}));
		}
		for (Future<?> sender : senders) {
			sender.get();
		}
		threads.shutdown();

		// 60 requests at 20 a second: the first goes at once, the last no sooner than 59 slots later.
		List<Long> times = sent.stream().sorted().toList();
		assertThat(Duration.ofNanos(times.get(59) - times.get(0))).isGreaterThan(Duration.ofMillis(2_850));
		assertThat(mostInAnyWindow(times, Duration.ofSeconds(1))).isLessThanOrEqualTo(21);
	}

	@Test
	void aBackOffOnOneInstanceHoldsBackTheOther() {
		CrmMapping mapping = limited("shared-backoff-test", 100, Duration.ofSeconds(1));
		SharedRateLimits saw429 = new SharedRateLimits(dataSource);
		SharedRateLimits other = new SharedRateLimits(dataSource);
		other.await(mapping);

		saw429.backOff(mapping, Duration.ofSeconds(1));
		saw429.backOff(mapping, Duration.ofSeconds(1));
		long start = System.nanoTime();
		other.await(mapping);

		// Held back about a second, once: two threads seeing the same 429 do not add up.
		Duration waited = Duration.ofNanos(System.nanoTime() - start);
		assertThat(waited).isGreaterThan(Duration.ofMillis(900)).isLessThan(Duration.ofMillis(1_900));
	}

	@Test
	void aStricterLimitTheCrmStatesSlowsEveryInstance() {
		CrmMapping mapping = limited("crm-states-limit-test", 100, Duration.ofSeconds(1));
		SharedRateLimits sawHeaders = new SharedRateLimits(dataSource);
		SharedRateLimits other = new SharedRateLimits(dataSource);
		other.await(mapping);

		sawHeaders.limitSeen(mapping, new CrmMapping.RateLimit(10, Duration.ofSeconds(1)));
		// A laxer one later does not speed it up again.
		sawHeaders.limitSeen(mapping, new CrmMapping.RateLimit(1000, Duration.ofSeconds(1)));
		long start = System.nanoTime();
		for (int request = 0; request < 5; request++) {
			other.await(mapping);
		}

		// Five more at 10 a second rather than 100: at least four intervals of 100 ms.
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(380));
	}

	@Test
	void aSpentDailyBudgetFailsTheNextRequestAtOnceOnEveryInstance() {
		CrmMapping mapping = limited("daily-budget-test", 100, Duration.ofSeconds(1), 3);
		SharedRateLimits one = new SharedRateLimits(dataSource);
		SharedRateLimits other = new SharedRateLimits(dataSource);
		one.await(mapping);
		other.await(mapping);
		one.await(mapping);

		long start = System.nanoTime();
		assertThatThrownBy(() -> other.await(mapping)).isInstanceOf(CrmUnavailableException.class)
			.hasMessageContaining("daily budget of 3 requests of mapping daily-budget-test is spent");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
	}

	private CrmMapping limited(String name, int requests, Duration per) {
		return limited(name, requests, per, null);
	}

	private CrmMapping limited(String name, int requests, Duration per, Integer perDay) {
		CrmMapping shipped = mappings.all().get(0);
		return new CrmMapping(name, shipped.file(), shipped.target(), shipped.object(), shipped.matchKey(),
				shipped.scope(), shipped.fields(), shipped.batchSize(), new CrmMapping.RateLimit(requests, per, perDay),
				shipped.credentials(), shipped.deleteMode(), shipped.options());
	}

	private static int mostInAnyWindow(List<Long> sortedNanos, Duration window) {
		int most = 0;
		int first = 0;
		for (int last = 0; last < sortedNanos.size(); last++) {
			while (sortedNanos.get(last) - sortedNanos.get(first) >= window.toNanos()) {
				first++;
			}
			most = Math.max(most, last - first + 1);
		}
		return most;
	}
}
