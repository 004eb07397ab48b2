package io.contactsync.support;

import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The test database lives on between Maven runs under target/; rebuilding its schema at each test start
 * means an edited migration is tested as written, not refused for its changed checksum.
 */
@TestConfiguration(proxyBeanMethods = false)
public class FreshSchema {

	@Bean
	FlywayMigrationStrategy cleanThenMigrate() {
		return flyway -> {
			flyway.clean();
			flyway.migrate();
		};
	}
}
