package io.contactsync.config;

import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The one zone whose calendar days the service counts in: date filters, analytics buckets, export file names,
 * retention and scoring cut-offs, the schedule's default. A name that is not a zone fails the binding, so the
 * start stops naming {@code contactsync.time-zone} instead of some page misplacing its days later.
 *
 * @param timeZone a region such as {@code Europe/Berlin}, or {@code UTC}
 */
@ConfigurationProperties("contactsync")
record TimeZoneProperties(@DefaultValue("UTC") ZoneId timeZone) {
}
