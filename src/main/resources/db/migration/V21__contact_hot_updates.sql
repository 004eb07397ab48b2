-- lead-scoring rewrites score, temperature and status of every contact on its first run and of many on
-- later ones. An update that changes no indexed column and finds room on the row's own page is a HOT
-- update: PostgreSQL writes the new row version only, not an entry in each of contact's indexes (the
-- trigram GIN index above all). Two things stood in the way (1, 2), and writing a million explanations
-- paid a row lock on contact each (3). On the 1,000,000-contact benchmark store this took the first run's
-- applyScores step from 150 s to 37 s at the same load (README, Benchmarks).

-- 1. lead_status was indexed, so every status change was a non-HOT update. The list's status filter now
--    checks the status on the rows contact_created_idx or contact_last_activity_idx lead to in page order,
--    and a text search checks it on the few rows the trigram index finds. On a million scored contacts a
--    page of any status, newest first, takes milliseconds; oldest first, a status that old contacts never
--    have (new, active) walks past them: about 4 s, where the status index answered at once.
--    The trigram index also leaves out merged-away contacts, as the list's other indexes do: the list never
--    shows them, and dedup's tombstoning of a merged contact (an update of merged_into, never HOT) then
--    writes no trigram entries for it.
drop index contact_lead_status_idx;
drop index contact_search_idx;
create index contact_search_idx on contact using gin (search_text gin_trgm_ops, channel) where merged_into is null;

-- 2. Pages were filled to the brim, so an updated row had to move to another page, and a moved row needs
--    new index entries. More than half of each page stays free: room for a new version of every row on it,
--    which is what a run that scores all contacts in one transaction needs (the old versions are still
--    visible until it commits), plus the few bytes a first score adds to a row. The table is about as big
--    as a full update left it anyway: before this, the first scoring run doubled it with moved rows.
alter table contact set (fillfactor = 45);
-- The setting only applies to pages written from now on: rewrite the existing rows (in id order, as
-- they were inserted) so that they get the room too. One-off, under an exclusive lock: 23-32 s for a
-- million contacts on the 2-core machine at load 5, seconds for a store of thousands.
cluster contact using contact_pkey;

-- 3. lead_score's foreign key checked each inserted explanation by locking its contact row, a write of its
--    own: a million on a first run. lead-scoring writes explanations only for contacts its statement finds
--    in contact; what the key also did, removing a contact's explanation with the contact, these triggers
--    do, once per statement. (A contact deleted while a run applies its scores can leave an explanation
--    behind; nothing reads one without its contact.)
alter table lead_score drop constraint lead_score_contact_id_fkey;

create function lead_score_drop_deleted() returns trigger language plpgsql as $$
begin
    delete from lead_score l using deleted_contact d where l.contact_id = d.id;
    return null;
end $$;
create trigger contact_deleted_drop_lead_score after delete on contact
    referencing old table as deleted_contact for each statement execute function lead_score_drop_deleted();

create function lead_score_drop_all() returns trigger language plpgsql as $$
begin
    truncate lead_score;
    return null;
end $$;
create trigger contact_truncated_drop_lead_score after truncate on contact
    for each statement execute function lead_score_drop_all();
