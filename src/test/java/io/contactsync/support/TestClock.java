package io.contactsync.support;

import java.time.Instant;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Tests run on 22 August 2025 at noon UTC, so that "today" and "last 7 days" have fixed edges. The clock stands
 * still there unless a test moves it ({@link MovableClock}).
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestClock {

	public static final Instant NOW = Instant.parse("2025-08-22T12:00:00Z");

	@Bean
	@Primary
	MovableClock fixedClock() {
		return new MovableClock(NOW);
	}
}
