-- A job run's claim on its slot is a lease: the worker that holds it renews it while the
-- job runs; once it has expired (the worker died, or lost the database), another worker
-- may claim the slot again and re-run the job, which is idempotent. Before this, a
-- worker that died after claiming left the slot 'running' for good, and nothing ran it.
alter table mono.job_runs add column lease_expires_at timestamptz;

-- Runs that are still 'running' now were claimed without a lease: give them one of an
-- hour from their start, so a slot whose worker died before this migration is freed too.
update mono.job_runs set lease_expires_at = started_at + interval '1 hour' where status = 'running';

alter table mono.job_runs add constraint job_runs_running_has_lease check (status <> 'running' or lease_expires_at is not null);
