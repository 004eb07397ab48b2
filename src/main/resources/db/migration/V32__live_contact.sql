-- The contacts that are live: not merged away. A merged-away contact stays as a tombstone pointing at its
-- survivor until the merge is undone, and nothing but dedup's undo and retention's purge should see it. Reads
-- say live_contact instead of repeating the rule; writes stay on contact. PostgreSQL inlines a view this simple,
-- so a query through it still uses contact's indexes, the partial ones "where merged_into is null" included.
--
-- The column list is fixed when the view is made: a migration that adds a column to contact must make the view
-- again (create or replace view ... as select * from contact ...). LiveContactTests checks it did.
create view live_contact as select * from contact where merged_into is null;
