/**
 * The REST API under /api/v1: contacts, conversations, analytics, exports, captures, duplicates and the
 * jobs' HTTP trigger. Owns no table.
 */
@ApplicationModule(displayName = "REST API", allowedDependencies = { "capture :: inbox", "crm", "dedup", "export", "jobs", "policy", "retention", "scoring", "store" })
package io.contactsync.api;

import org.springframework.modulith.ApplicationModule;
