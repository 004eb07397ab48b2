package io.contactsync.dedup;

/** Two contacts of one scored pair. */
record ContactPair(ContactFeatures a, ContactFeatures b) {
}
