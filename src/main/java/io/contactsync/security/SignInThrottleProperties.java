package io.contactsync.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How many failed sign-ins (dashboard form and API tokens together) one client address may make; see
 * {@link SignInThrottle}.
 *
 * @param maxFailuresPerMinute failed attempts an address may make in a minute before it is refused until that
 *                             minute is over
 * @param trackedAddresses     how many addresses are remembered at most; past that the one quiet for the longest
 *                             is forgotten, so that requests from ever new addresses cannot fill the memory
 */
@ConfigurationProperties("contactsync.security.sign-in")
public record SignInThrottleProperties(@DefaultValue("5") int maxFailuresPerMinute,
		@DefaultValue("10000") int trackedAddresses) {

	public SignInThrottleProperties {
		if (maxFailuresPerMinute < 1) {
			throw new IllegalStateException("contactsync.security.sign-in.max-failures-per-minute must be at least 1");
		}
		if (trackedAddresses < 1) {
			throw new IllegalStateException("contactsync.security.sign-in.tracked-addresses must be at least 1");
		}
	}
}
