package io.contactsync.crm;

/** A contact mapped for one target, ready to be sent. */
record PushItem(CrmMapping mapping, CrmRecord record) {
}
