package io.contactsync.policy;

/**
 * A job's policy file as it was read and checked at start-up, for {@code run validate} to name.
 *
 * @param file    where it was read from, e.g. {@code jobs/retention.yml} or the jar's shipped default
 * @param summary what it sets, in a few words
 */
public record CheckedPolicyFile(String file, String summary) {
}
