-- Each link keeps what identifies and what was written to its CRM record, so that a push can update the record by
-- its id after the email changes, refuse to push a second contact onto a record another one holds, apply the
-- mapping's field policies (if-empty, clearing) against what it wrote last, and show the fields an update changes.
alter table crm_link add column match_key text;
alter table crm_link add column pushed_fields jsonb;

-- converted: a Salesforce Lead sales converted, left to them; missing: deleted in the CRM, onMissing: skip;
-- shared: its key is another contact's CRM record, kept back (and before the duplicates review) until it changes.
alter table crm_link drop constraint crm_link_status_check;
alter table crm_link add constraint crm_link_status_check
    check (status in ('pending', 'synced', 'failed', 'delete_pending', 'deleted', 'converted', 'missing', 'shared'));

create index crm_link_target_key_idx on crm_link (target, lower(match_key)) where match_key is not null;

