-- The import's audit trail per batch instead of per record (issue 18).
--
-- One row per committed batch, audited: its audit entry (request id
-- `system:import:<run id>`) carries the batch's external ids beside the Mono ids they
-- became, so the trail tells where every imported row came from. The map itself
-- (import_external_ids) is bookkeeping like the checkpoints and is no longer audited:
-- one audit entry per mapped record doubled the audit work of an import.
drop trigger audit on import_external_ids;

-- The Mono-id side of the map led by the id: erasure finds a person's row by it, and an
-- import's look-up by (kind, external id) has only the key's index to choose from.
alter table import_external_ids drop constraint import_external_ids_mono_key;
alter table import_external_ids add constraint import_external_ids_mono_key unique (tenant_id, mono_id, kind);

create table import_batches (
  tenant_id uuid not null references tenants (id),
  id uuid not null default mono.uuid_v7(),
  run_id uuid not null,
  kind text not null check (kind ~ '^[a-z][a-z_]{0,39}$'),
  file_name text not null check (length(file_name) between 1 and 1000),
  first_line integer not null check (first_line >= 1),
  last_line integer not null check (last_line >= first_line),
  -- [{"externalId": …, "monoId": …, "new": true|false}, …]
  records jsonb not null check (jsonb_typeof(records) = 'array'),
  created_at timestamptz not null default now(),
  primary key (tenant_id, id)
);
create index import_batches_run_idx on import_batches (tenant_id, run_id);
select mono.enable_tenant_rls('import_batches', 'select, insert');
select mono.enable_audit('import_batches');
