package io.contactsync.demo;

import java.time.Instant;

/**
 * Everything one generated contact is made from: its number within the run, the run's seed, and the moment
 * its dates count back from. The same seed always makes the same contact.
 */
record ContactSeed(long number, long seed, Instant anchor) {
}
