package io.contactsync.crm;

import java.util.Map;

/**
 * A contact as one CRM record: the value of the mapping's match key and every mapped field, as strings
 * (the form all three vendors accept), in the mapping's field order.
 *
 * @param contactId the store's contact
 * @param key       the match key's value, which matches the CRM's answer back to this contact
 * @param hash      a digest of the fields: equal hashes mean nothing changed since the last push
 */
public record CrmRecord(long contactId, String key, Map<String, String> fields, String hash) {
}
