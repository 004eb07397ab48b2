/**
 * Runs the jobs: the registry of offered jobs, the command line, the schedule (jobs/nightly-sync.yml),
 * the nightly-sync flow, run locks, confined file parameters, progress and metrics. Owns the Spring Batch job
 * repository (batch_*).
 */
@ApplicationModule(displayName = "Job platform", allowedDependencies = { "config", "policy", "store" })
package io.contactsync.jobs;

import org.springframework.modulith.ApplicationModule;
