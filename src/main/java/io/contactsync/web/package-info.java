/**
 * The dashboard's pages (*PageController, Thymeleaf and htmx). Owns no table.
 */
@ApplicationModule(displayName = "Dashboard", allowedDependencies = { "api", "crm", "dedup", "jobs", "retention", "scoring", "security", "store" })
package io.contactsync.web;

import org.springframework.modulith.ApplicationModule;
