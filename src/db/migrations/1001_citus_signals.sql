-- On Citus, the notices of definitions 084 (`mono_auth`) and 094 (`mono_live`) fired by a
-- shard's trigger cannot be sent where they are written: PostgreSQL refuses NOTIFY in the
-- two-phase commit of a multi-node write, and the API processes listen on the coordinator.
-- There the trigger keeps the notice here instead, in the tenant's shard group, and every
-- API process on Citus reads the new ones about once a second (modules/access/citus-signals.ts,
-- decision 0101). Without Citus the table stays empty: the triggers notify as before.
-- Rows live a minute (the readers delete older ones); they hold ids, never content.
create table mono.citus_signals (
  tenant_id uuid not null,
  id uuid not null default gen_random_uuid(),
  channel text not null check (channel in ('mono_auth', 'mono_live')),
  payload text not null,
  at timestamptz not null default clock_timestamp(),
  primary key (tenant_id, id)
);
create index citus_signals_at_idx on mono.citus_signals (at);
select mono.enable_tenant_rls('mono.citus_signals', 'select, insert, delete');
