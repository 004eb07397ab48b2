-- Why a link's contact left the store decides what happens to its CRM record: an erasure deletes the record for
-- good (HubSpot GDPR delete, Salesforce delete and empty the recycle bin, Zoho delete and remove it from the recycle
-- bin); any other removal (a quiet contact's retention delete, an admin's delete) does what the mapping's delete:
-- says, which is never the permanent one. released: the mapping said delete: keep, the CRM record was left as it is.
alter table crm_link add column erase boolean not null default false;

alter table crm_link drop constraint crm_link_status_check;
alter table crm_link add constraint crm_link_status_check
    check (status in ('pending', 'synced', 'failed', 'delete_pending', 'deleted', 'converted', 'missing', 'shared',
                      'released'));
