package io.contactsync.store;

/**
 * The contacts a purge removes, as temporary tables of the purge's transaction that an eraser's set-based SQL
 * reads (a purge may take a million quiet contacts, too many to pass as ids):
 * <ul>
 * <li>{@code purge_contact (id, root_id)}: every contact purged, those merged into it included; {@code root_id}
 * is the contact the purge selected, the one its audit event names.</li>
 * <li>{@code purge_value (v)}: for an erasure only, what identifies the people (their identities' ids, emails,
 * phones as bare digits and names, 4 characters or longer), for searching text that may quote them.</li>
 * <li>{@code purge_count (root_id, item, n, removed)}: where an eraser writes, per root, how many of an item the
 * audit event reports: removed (under {@code removed}) or, with {@code removed} false, still to go (e.g. CRM
 * records crm-push deletes).</li>
 * </ul>
 * @param erasure whether the people asked to be erased, so that their traces outside the rows keyed by their ids
 * are looked for by value too. A contact deleted for being quiet for years has none of those left: payloads and
 * working rows are short-lived.
 */
public record PurgedContacts(boolean erasure) {
}
