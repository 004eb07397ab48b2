-- capture-import takes records one by one: an element of a JSON file's array is a record of its own, known by
-- its index there (and its line).
alter table capture_reject add column element integer;

-- Fields an imported event had cleaned, cut or dropped: where (as for rejects), which field and why. Never the
-- value itself: the reason names the attribute that keeps a dropped value as given. Cleared with the run.
create table capture_warning (
    run_id    bigint      not null,
    source    text        not null,
    line      bigint,
    element   integer,
    inbox_id  bigint,
    field     text        not null,
    reason    text        not null,
    warned_at timestamptz not null default now()
);
create index capture_warning_run_idx on capture_warning (run_id);

-- What else an event says about the visitor (form fields, custom attributes, locale), for contact.attributes.
alter table capture_staging add column attributes jsonb;
-- Few events carry attributes: the merge finds those through this index instead of reading every staged row.
create index capture_staging_attributes_idx on capture_staging (run_id) where attributes is not null;
