/**
 * The retention job (jobs/retention.yml): archiving quiet contacts, GDPR erasure requests and their
 * purge, the subject export. Owns the archive and erasure columns of contact.
 */
@ApplicationModule(displayName = "Retention and erasure", allowedDependencies = { "capture :: inbox", "jobs", "policy", "store" })
package io.contactsync.retention;

import org.springframework.modulith.ApplicationModule;
