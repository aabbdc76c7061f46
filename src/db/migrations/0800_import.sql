-- `mono import` (issue 18, items 1 and 2): bringing a marketplace in from another system.
--
-- import_external_ids: which Mono row an imported record became, per (kind, external id).
-- A re-run finds its rows here and updates them instead of inserting duplicates;
-- references between files (a listing's account, a membership's user) resolve here.
-- Audited: every mapping's audit entry names the import run (request_id) and carries the
-- external id beside the Mono id, so the trail tells where an imported row came from.
create table import_external_ids (
  tenant_id uuid not null references tenants (id),
  id uuid not null default mono.uuid_v7(),
  kind text not null check (kind ~ '^[a-z][a-z_]{0,39}$'),
  external_id text not null check (length(external_id) between 1 and 200),
  mono_id uuid not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id),
  constraint import_external_ids_key unique (tenant_id, kind, external_id),
  constraint import_external_ids_mono_key unique (tenant_id, kind, mono_id)
);
select mono.enable_tenant_rls('import_external_ids');
select mono.enable_touch('import_external_ids');
select mono.enable_audit('import_external_ids');

-- One checkpoint per imported file (by content hash): how far it got. A batch and the
-- checkpoint's advance commit in one transaction, so a killed import resumes after the
-- last committed batch; a completed file of the same content is skipped.
create table import_checkpoints (
  tenant_id uuid not null references tenants (id),
  id uuid not null default mono.uuid_v7(),
  kind text not null check (kind ~ '^[a-z][a-z_]{0,39}$'),
  file_name text not null check (length(file_name) between 1 and 1000),
  file_sha256 text not null check (file_sha256 ~ '^[0-9a-f]{64}$'),
  lines_done integer not null default 0 check (lines_done >= 0),
  rows_imported integer not null default 0 check (rows_imported >= 0),
  rows_refused integer not null default 0 check (rows_refused >= 0),
  batches integer not null default 0 check (batches >= 0),
  completed_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id),
  constraint import_checkpoints_file_key unique (tenant_id, kind, file_sha256)
);
select mono.enable_tenant_rls('import_checkpoints');
select mono.enable_touch('import_checkpoints');
