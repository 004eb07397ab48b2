-- Why each contact has the score, temperature and status lead-scoring gave it (contact holds the values
-- the list filters on; this holds the explanation). since: the run that last changed any of it.
create table lead_score (
    contact_id    bigint      primary key references contact (id) on delete cascade,
    score         integer     not null check (score between 0 and 100),
    temperature   text        not null check (temperature in ('hot', 'warm', 'cold')),
    status        text        not null check (status in ('new', 'active', 'follow_up', 'archived')),
    status_reason text        not null,
    -- JSON as the job wrote it, so that the next run can tell an unchanged result by comparing text:
    -- [{"rule":"intent.pricing","points":30,"reason":"asked about pricing or plans"}, ...]
    rules         text        not null,
    intents       text[]      not null default '{}',
    conversations integer     not null,
    since         timestamptz not null
);

-- lead-scoring's working rows, keyed by its run so that a resumed run finds what it wrote: the intents
-- each visitor message showed, then each contact's result until it is applied in one transaction.
create table lead_intent_staging (
    run_id     bigint  not null,
    contact_id bigint  not null,
    intents    integer not null
);

create table lead_score_staging (
    run_id        bigint  not null,
    contact_id    bigint  not null,
    score         integer not null,
    temperature   text    not null,
    status        text    not null,
    status_reason text    not null,
    rules         text    not null,
    intents       text[]  not null,
    conversations integer not null
);
-- No index: applying reads a run's rows whole, and an index would cost every staged row.
