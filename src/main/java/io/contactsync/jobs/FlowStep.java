package io.contactsync.jobs;

import java.util.Map;

/**
 * One step of nightly-sync as jobs/nightly-sync.yml sets it: the job it runs and that job's parameters.
 *
 * @param line where the step is written, for messages about it
 */
public record FlowStep(String job, Map<String, String> parameters, int line) {
}
