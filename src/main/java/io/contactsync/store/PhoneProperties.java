package io.contactsync.store;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How phone numbers are read. {@link PhoneNumbers} checks the region, so that a code it does not know stops the
 * start whether the numbers are made by Spring or by a test.
 *
 * @param defaultRegion the ISO 3166 code of the country a number written without a country code is from
 */
@ConfigurationProperties("contactsync.phone")
public record PhoneProperties(@DefaultValue("US") String defaultRegion) {
}
