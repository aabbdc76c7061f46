-- Personal data exports (issue 18 item 3, GDPR art. 15/20; docs/export.md).
--
-- A person (or a tenant administrator for them) asks for their data; the job
-- `exports.build` builds a zip archive into object storage and mails the requester; the
-- archive can be downloaded until expires_at, then `exports.prune` deletes it. One export
-- per person may be waiting or running at a time (the partial unique index): a second
-- request is refused with 409 EXPORT_ALREADY_RUNNING.
create table user_exports (
  tenant_id uuid not null,
  id uuid not null default mono.uuid_v7(),
  user_id uuid not null,
  requested_by uuid not null,
  status text not null default 'PENDING' check (status in ('PENDING', 'RUNNING', 'READY', 'FAILED', 'EXPIRED')),
  storage_key text check (length(storage_key) <= 300),
  size_bytes bigint check (size_bytes >= 0),
  sha256 text check (sha256 ~ '^[0-9a-f]{64}$'),
  error text check (length(error) <= 1000),
  started_at timestamptz,
  completed_at timestamptz,
  expires_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, user_id) references users (tenant_id, id) on delete cascade,
  foreign key (tenant_id, requested_by) references users (tenant_id, id) on delete cascade,
  constraint user_exports_ready check (status <> 'READY' or (storage_key is not null and expires_at is not null and size_bytes is not null))
);
create unique index user_exports_one_running on user_exports (tenant_id, user_id) where status in ('PENDING', 'RUNNING');
create index user_exports_user_idx on user_exports (tenant_id, user_id, id desc);
create index user_exports_requested_by_idx on user_exports (tenant_id, requested_by);
-- The jobs look across tenants: the waiting exports, and the ready ones by expiry.
create index user_exports_pending_idx on user_exports (created_at) where status = 'PENDING';
create index user_exports_expiry_idx on user_exports (expires_at) where status = 'READY';
select mono.enable_tenant_rls('user_exports');
select mono.enable_touch('user_exports');
select mono.enable_audit('user_exports');

-- Erasing a person expires their archives at once (exports.prune then deletes the bytes).
insert into mono.erasure_rules (table_name, match_column, match_kind, action, assignments, identifying_columns, position) values
  ('public.user_exports', 'user_id', 'user', 'update', $$expires_at = least(expires_at, now())$$, '{}', 47);
