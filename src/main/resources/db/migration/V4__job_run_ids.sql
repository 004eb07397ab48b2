-- run.id of each new job run: one sequence, so that two instances launching at once never pick the same
-- value, and HTTP, schedule and command line share one series.
create sequence job_run_id;
select setval('job_run_id', coalesce((select max(long_val) from (
    select case when parameter_value ~ '^[0-9]{1,18}$' then parameter_value::bigint end as long_val
    from batch_job_execution_params where parameter_name = 'run.id') ids), 0) + 1, false);
