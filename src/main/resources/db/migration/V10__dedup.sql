-- The dedup job's working tables. Each is keyed by the job instance (run_id), like capture_staging, so a
-- resumed run finds what it had done; a new run clears what older runs left.

-- What the job compares, one row per live contact: normalised values and the blocking keys.
create table dedup_feature (
    run_id       bigint      not null,
    contact_id   bigint      not null,
    created_at   timestamptz not null,
    last_activity_at timestamptz,
    email        text,
    phones       text[]      not null default '{}',
    identities   text[]      not null default '{}',
    given        text,
    family       text,
    attributes   jsonb       not null default '{}',
    keys         text[]      not null default '{}',
    primary key (run_id, contact_id)
);

-- The pairs blocking proposed, each once.
create table dedup_pair (
    run_id     bigint not null,
    seq        bigint generated always as identity,
    contact_a  bigint not null,
    contact_b  bigint not null,
    primary key (run_id, seq)
);

-- Pairs that scored at least the review threshold, with their evidence.
create table dedup_score (
    run_id     bigint        not null,
    contact_a  bigint        not null,
    contact_b  bigint        not null,
    score      numeric(5, 4) not null,
    evidence   jsonb         not null,
    primary key (run_id, contact_a, contact_b)
);

-- Merges decided but not yet applied: by a dedup run ('run:<id>') or by one API call ('api:<uuid>').
create table merge_plan (
    plan        text          not null,
    survivor_id bigint        not null,
    merged_id   bigint        not null,
    score       numeric(5, 4),
    evidence    jsonb         not null default '{}',
    reason      text          not null,
    actor       text          not null,
    primary key (plan, merged_id)
);
create index merge_plan_survivor_idx on merge_plan (plan, survivor_id);
