/**
 * CSV, XLSX and JSON writers shared by the API, the dashboard and the export job. Owns no table.
 */
@ApplicationModule(displayName = "Exports", allowedDependencies = { "config", "jobs", "store" })
package io.contactsync.export;

import org.springframework.modulith.ApplicationModule;
