package io.contactsync.store;

import java.time.Instant;

/** How one channel knows a contact. */
public record Identity(String channel, String channelLabel, String externalId, Instant linkedAt) {
}
