/**
 * The dedup job (jobs/dedup.yml): normalising, blocking, comparison, clustering, merge and unmerge, and
 * the review queue. Owns dedup_feature, dedup_frequency, dedup_pair, dedup_score, duplicate_candidate, merge_plan
 * and merge_record, and the merged_into column of contact.
 */
@ApplicationModule(displayName = "Deduplication", allowedDependencies = { "jobs", "policy", "store" })
package io.contactsync.dedup;

import org.springframework.modulith.ApplicationModule;
