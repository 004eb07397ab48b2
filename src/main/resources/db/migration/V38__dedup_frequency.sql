-- How many contacts of a dedup run share each value of a field whose comparison weighs how common a value is
-- (frequency: true in jobs/dedup.yml). Values only one contact has are left out: their count is 1. Written by
-- the blocking step, read by scoring and clustering, emptied with the run's other work tables.
create table dedup_frequency (
    run_id   bigint  not null,
    field    text    not null,
    value    text    not null,
    contacts integer not null,
    primary key (run_id, field, value)
);
