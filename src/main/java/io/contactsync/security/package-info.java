/**
 * API tokens and roles, the dashboard's sign-in and its throttle, request size limits. Owns no table.
 */
@ApplicationModule(displayName = "Security", allowedDependencies = {})
package io.contactsync.security;

import org.springframework.modulith.ApplicationModule;
