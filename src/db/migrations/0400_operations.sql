-- Bookkeeping of the operational tools: background job runs, data-migration
-- checkpoints and pruned partitions. Global tables in the mono schema, written by the
-- owner (CLI, scheduler); the platform role may read them (platform.jobs.read) and
-- runs data-migration batches, which write their checkpoint in the same transaction.

-- One row per job and time slot: the claim that makes a slot run once, whatever number
-- of schedulers or queue deliveries there are, and the log of what the run did.
create table mono.job_runs (
  id bigint generated always as identity primary key,
  job text not null check (job ~ '^[a-z][a-z0-9_.-]*$'),
  slot_start timestamptz not null,
  status text not null check (status in ('running', 'succeeded', 'failed')),
  attempts integer not null default 1,
  worker text,
  started_at timestamptz not null default now(),
  finished_at timestamptz,
  result jsonb,
  error text,
  constraint job_runs_slot_key unique (job, slot_start)
);
create index job_runs_started_idx on mono.job_runs (started_at desc);
grant select on mono.job_runs to mono_platform;

-- Where each named data migration (`mono backfill <name>`) stands: the key of the last
-- row it processed. Written in the same transaction as the batch it describes, so a
-- killed run resumes exactly after the last committed batch.
create table mono.backfill_checkpoints (
  name text primary key check (name ~ '^[a-z][a-z0-9-]*$'),
  last_key jsonb,
  rows_scanned bigint not null default 0,
  rows_changed bigint not null default 0,
  batches bigint not null default 0,
  started_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  completed_at timestamptz
);
grant select, insert, update, delete on mono.backfill_checkpoints to mono_platform;

-- Partitions that `mono partitions prune` exported and dropped: where the export is and
-- how to check it.
create table mono.pruned_partitions (
  partition_name text primary key,
  parent text not null,
  range_start timestamptz not null,
  range_end timestamptz not null,
  row_count bigint not null,
  file text not null,
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  pruned_at timestamptz not null default now()
);
grant select on mono.pruned_partitions to mono_platform;
