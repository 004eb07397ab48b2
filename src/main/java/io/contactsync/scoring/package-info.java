/**
 * The lead-scoring job (jobs/lead-scoring.yml). Owns lead_score and its staging tables, and the lead
 * columns of contact (score, temperature, status set by rules).
 */
@ApplicationModule(displayName = "Lead scoring", allowedDependencies = { "jobs", "policy", "store" })
package io.contactsync.scoring;

import org.springframework.modulith.ApplicationModule;
