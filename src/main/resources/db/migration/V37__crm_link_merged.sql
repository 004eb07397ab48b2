-- merged: the contact was merged into another and its CRM record with it (by the vendor's merge, or, where the
-- vendor has none, removed as the mapping's delete: says once the survivor's record holds its values). The link
-- keeps no CRM id: the record it named is the survivor's now, or gone; the audit's crm.merged names both ids.
alter table crm_link drop constraint crm_link_status_check;
alter table crm_link add constraint crm_link_status_check
    check (status in ('pending', 'synced', 'failed', 'delete_pending', 'deleted', 'converted', 'missing', 'shared',
                      'released', 'merged'));
