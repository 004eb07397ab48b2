/**
 * The contact store's shared tables and their Java face: contact, contact_identity, conversation,
 * message and audit_event (written through AuditLog). Every feature reads and writes the shared tables through here
 * or through the column group it is documented to own.
 */
@ApplicationModule(displayName = "Store", allowedDependencies = {})
package io.contactsync.store;

import org.springframework.modulith.ApplicationModule;
