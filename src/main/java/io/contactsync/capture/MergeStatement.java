package io.contactsync.capture;

/**
 * One statement of the merge ({@link CaptureMerge}), with the name of the figure its row count gives the step's
 * message, or null when none is reported.
 */
record MergeStatement(String figure, String sql) {
}
