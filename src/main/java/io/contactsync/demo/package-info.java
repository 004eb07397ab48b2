/**
 * Jobs for trying and measuring the product, not for running it: generate, generate-captures,
 * copy-baseline, dedup-sample and dedup-evaluate. Offered over HTTP and on the dashboard only with
 * contactsync.demo-jobs.enabled (the dev profile). Owns no table.
 */
@ApplicationModule(displayName = "Demo and benchmark jobs", allowedDependencies = { "capture :: events", "config", "jobs", "store" })
package io.contactsync.demo;

import org.springframework.modulith.ApplicationModule;
