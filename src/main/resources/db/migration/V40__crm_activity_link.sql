-- Per conversation and mapping: the CRM activity (HubSpot note or communication) its transcript was pushed as.
-- No foreign key, like crm_link: the link outlives a deleted conversation (an erased contact's) so that its
-- activity is deleted from the CRM too. parent_crm_id is the CRM record it hangs on; when the contact's record
-- changes (a merge), the activity is created again on the new one. message_count is how many messages it showed,
-- so that a conversation that gained messages is pushed again.
create table crm_activity_link (
    conversation_id bigint      not null,
    target          text        not null,
    contact_id      bigint      not null,
    parent_crm_id   text,
    crm_id          text,
    kind            text,
    message_count   integer     not null default 0,
    payload_hash    text,
    pushed_at       timestamptz,
    status          text        not null check (status in ('synced', 'failed', 'deleted')),
    last_error      text,
    attempts        integer     not null default 0,
    primary key (conversation_id, target)
);
create index crm_activity_link_target_status_idx on crm_activity_link (target, status);
create index crm_activity_link_contact_idx on crm_activity_link (contact_id);
