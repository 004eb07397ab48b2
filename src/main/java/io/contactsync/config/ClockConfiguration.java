package io.contactsync.config;

import java.time.Clock;
import java.time.ZoneId;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one clock the service reads, so that date presets can be tested against a fixed day, and the one zone it
 * reads its days in, so that no module can default to a zone of its own.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TimeZoneProperties.class)
class ClockConfiguration {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	ZoneId timeZone(TimeZoneProperties properties) {
		return properties.timeZone();
	}
}
