package io.contactsync.store;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The phone settings, and the numbers made from them here so that tests can make their own for any region. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PhoneProperties.class)
class PhoneConfiguration {

	@Bean
	PhoneNumbers phoneNumbers(PhoneProperties properties) {
		return new PhoneNumbers(properties.defaultRegion());
	}
}
