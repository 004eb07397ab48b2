/**
 * The capture-import job and the HTTP inbox: channel adapters (capture.channel) turn each channel's
 * payloads into canonical events, merged into the store fill-only. Owns capture_inbox, capture_staging,
 * capture_reject and capture_warning. Other modules see two named interfaces only: {@code inbox} (the HTTP
 * intake and the inbox retention prunes) and {@code events} (the canonical event, for the demo generator); the kit
 * the channel adapters share stays inside.
 */
@ApplicationModule(displayName = "Capture import", allowedDependencies = { "config", "jobs", "store" })
package io.contactsync.capture;

import org.springframework.modulith.ApplicationModule;
