-- capture-import stages what it read here, in the chunk's transaction, and merges it into the store
-- set-based in one later step. Keyed by the job instance, so a resumed run finds what it staged.
create table capture_staging (
    run_id       bigint      not null,
    seq          bigint      generated always as identity,
    source       text        not null,
    line         bigint,
    inbox_id     bigint,
    type         text        not null,
    channel      text        not null,
    bot          text,
    visitor      text        not null,
    conversation text,
    at           timestamptz not null,
    event_id     text,
    sender       text,
    kind         text,
    text         text,
    name         text,
    username     text,
    email        text,
    phone        text,
    phone_e164   text,
    new_visitor  text
);
-- Only the run: an index on more would cost every staged row more than the merge gains from it.
create index capture_staging_run_idx on capture_staging (run_id);

-- Records capture-import could not take: where they came from, why, and the record itself, so that
-- nothing is lost. The job writes them to its reject report; they go with the staging rows.
create table capture_reject (
    run_id      bigint      not null,
    source      text        not null,
    line        bigint,
    inbox_id    bigint,
    reason      text        not null,
    raw         text,
    rejected_at timestamptz not null default now()
);
create index capture_reject_run_idx on capture_reject (run_id);

-- Fields a person edited through the API: captures fill empty fields but never these.
alter table contact add column edited_fields text[] not null default '{}';

-- The capture-import run that read an inbox entry; the entry stays pending until that run has merged.
alter table capture_inbox add column run_id bigint;
