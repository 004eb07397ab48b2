/**
 * The embedded PostgreSQL default (its data directory, password and client authentication), the clock,
 * and files created for the owner only. Owns no table.
 */
@ApplicationModule(displayName = "Embedded database and wiring", allowedDependencies = {})
package io.contactsync.config;

import org.springframework.modulith.ApplicationModule;
