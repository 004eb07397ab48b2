/**
 * The mappings (mappings/*.yml), their validation, the crm-push job and one connector per CRM
 * (crm.hubspot, crm.salesforce, crm.zoho, internal to this module). Owns crm_link.
 */
@ApplicationModule(displayName = "CRM push", allowedDependencies = { "config", "dedup", "jobs", "policy", "store" })
package io.contactsync.crm;

import org.springframework.modulith.ApplicationModule;
