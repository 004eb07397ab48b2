/**
 * The kit for the YAML files people edit under jobs/ and mappings/: reading with line numbers, problems
 * that name the file, the line and the fix, and the start-up failure that lists them.
 */
@ApplicationModule(displayName = "Policy files", allowedDependencies = {})
package io.contactsync.policy;

import org.springframework.modulith.ApplicationModule;
