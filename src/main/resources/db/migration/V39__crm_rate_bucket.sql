-- Each CRM mapping's rate limit as one token bucket, shared by every instance that pushes (a manager and its
-- workers, or two standalone processes on one store): Bucket4j's PostgreSQL backend takes a request's token
-- under SELECT ... FOR UPDATE of the bucket's row. The id names the mapping and its limit; state is Bucket4j's
-- own encoding. No personal data.
create table crm_rate_bucket (
    id    text  primary key,
    state bytea
);
