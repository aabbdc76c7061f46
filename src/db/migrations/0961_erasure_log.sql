-- Erasure reaches the archive (issue 13, item 15).
--
-- `mono partitions prune` exports old audit partitions to files and drops them; an
-- erasure afterwards cannot reach those files. Each erasure is now logged here, and the
-- next prune carries every erasure not carried yet into the archive
-- (erasures-<time>.ndjson beside the partition exports), so whoever keeps the archive
-- knows which already-exported entries are erased: the entries about `resources`, those
-- caused by `user_id` (IP address and user agent), and those mentioning a value whose
-- HMAC under the audit key is in `value_macs` (the values themselves are not kept).
create table mono.erasure_log (
  tenant_id uuid not null,
  user_id uuid not null,
  erased_at timestamptz not null default now(),
  -- "table:id" of every row that is or was the person's (as mono.erasure_subject finds them)
  resources text[] not null,
  -- HMAC-SHA256(audit key, lower(value)) of every value that identified the person
  value_macs bytea[] not null,
  -- the archive file that carried it (null: not carried yet)
  carried_in text,
  carried_at timestamptz,
  primary key (tenant_id, user_id, erased_at)
);
create index erasure_log_pending_idx on mono.erasure_log (erased_at) where carried_at is null;
-- Locked down like every table with a tenant_id: the runtime roles may read their
-- tenant's rows; only the owner (mono.erase_user, the prune) writes.
select mono.enable_tenant_rls('mono.erasure_log', 'select');
