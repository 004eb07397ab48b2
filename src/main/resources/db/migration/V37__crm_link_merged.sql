-- merged: the contact was merged into another and its CRM record with it (by the vendor's merge, or, where the
-- vendor has none, removed as the mapping's delete: says once the survivor's record holds its values). The link is
-- never pushed again; it keeps the id of a record the merge deleted (a recycle bin may hold it: an erasure of the
-- survivor empties it from there), none when the record was already the survivor's.
alter table crm_link drop constraint crm_link_status_check;
alter table crm_link add constraint crm_link_status_check
    check (status in ('pending', 'synced', 'failed', 'delete_pending', 'deleted', 'converted', 'missing', 'shared',
                      'released', 'merged'));
