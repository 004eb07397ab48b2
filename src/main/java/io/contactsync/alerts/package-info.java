/**
 * Alerts (jobs/alerts.yml): a notification to Slack or a signed HTTPS webhook when a run fails or stops, when a
 * push's failed share passes its threshold, when a scheduled run is missed and when a run takes much longer than it
 * usually does. It observes runs through the job platform's public {@code RunEnded} event and run history, and
 * sends on threads of its own, so that no job ever waits for it. Owns no table.
 */
@ApplicationModule(displayName = "Alerts", allowedDependencies = { "jobs", "policy" })
package io.contactsync.alerts;

import org.springframework.modulith.ApplicationModule;
