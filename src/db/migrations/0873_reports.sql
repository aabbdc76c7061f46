-- Reports: a person reports a listing, a person's profile, a message or a review to the
-- tenant's moderators (reason + text). One open report per reporter and target (partial
-- unique key, also for two at once). Moderators resolve (optionally hiding the target:
-- a listing is held down, a review hidden, a message removed, a person deactivated) or
-- dismiss it; who did it, when and why is on the row and in the audit trail.
create table reports (
  tenant_id uuid not null,
  id uuid not null default mono.uuid_v7(),
  reporter_id uuid not null,
  target_type text not null check (target_type in ('LISTING', 'USER', 'MESSAGE', 'REVIEW')),
  target_id uuid not null,
  reason text not null check (reason in ('SPAM', 'ABUSE', 'FRAUD', 'INAPPROPRIATE', 'OTHER')),
  body text check (length(body) <= 2000),
  status text not null default 'OPEN' check (status in ('OPEN', 'RESOLVED', 'DISMISSED')),
  resolved_by uuid,
  resolved_at timestamptz,
  resolution_note text check (length(resolution_note) <= 1000),
  target_hidden boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id),
  constraint reports_resolution check ((status = 'OPEN') = (resolved_at is null) and (resolved_at is null) = (resolved_by is null)),
  foreign key (tenant_id, reporter_id) references users (tenant_id, id),
  foreign key (tenant_id, resolved_by) references users (tenant_id, id)
);
create unique index reports_open_key on reports (tenant_id, reporter_id, target_type, target_id) where status = 'OPEN';
create index reports_queue_idx on reports (tenant_id, status, id);
create index reports_target_idx on reports (tenant_id, target_type, target_id);
create index reports_reporter_idx on reports (tenant_id, reporter_id);
create index reports_resolved_by_idx on reports (tenant_id, resolved_by) where resolved_by is not null;
select mono.enable_tenant_rls('reports');
select mono.enable_touch('reports');
select mono.enable_audit('reports');

insert into mono.erasure_rules (table_name, match_column, match_kind, action, assignments, identifying_columns, position) values
  ('public.reports', 'reporter_id', 'user', 'update', 'body = null', '{}', 83);
