-- Audit trail and engagement activity: partitioned by month, each with a DEFAULT
-- partition so that no write can fail for lack of a partition.
-- `mono partitions ensure` creates the coming months and moves rows out of DEFAULT.

create table audit_logs (
  id uuid not null default mono.uuid_v7(),
  tenant_id uuid not null references tenants (id),
  seq bigint not null,
  -- The actor. Deliberately no foreign key: a platform operator acting in a tenant is a
  -- user of the platform tenant, and erasing a person must not rewrite history.
  user_id uuid,
  action text not null,
  resource text not null,
  resource_id text not null,
  old_values jsonb,
  new_values jsonb,
  ip_address text,
  user_agent text,
  request_id text,
  values_digest bytea not null,
  prev_hash bytea,
  hash bytea not null,
  erased_at timestamptz,
  created_at timestamptz not null default now(),
  primary key (tenant_id, id, created_at)
) partition by range (created_at);
create table audit_logs_default partition of audit_logs default;
create index audit_logs_tenant_created_idx on audit_logs (tenant_id, created_at desc, id desc);
create index audit_logs_tenant_seq_idx on audit_logs (tenant_id, seq);
create index audit_logs_resource_idx on audit_logs (tenant_id, resource, resource_id, created_at desc);
create index audit_logs_user_idx on audit_logs (tenant_id, user_id, created_at desc);
create index audit_logs_created_idx on audit_logs (created_at);
-- Tamper evidence starts with privileges: the runtime roles may add entries, never change them.
select mono.enable_tenant_rls('audit_logs', 'select, insert');

create table activities (
  id uuid not null default mono.uuid_v7(),
  tenant_id uuid not null references tenants (id),
  user_id uuid not null,
  type text not null check (type ~ '^[a-z][a-z_]{0,39}$'),
  target text not null check (target ~ '^[a-z][a-z_]{0,62}$'),
  target_id text not null check (length(target_id) <= 100),
  metadata jsonb check (metadata is null or jsonb_typeof(metadata) = 'object'),
  created_at timestamptz not null default now(),
  primary key (tenant_id, id, created_at),
  foreign key (tenant_id, user_id) references users (tenant_id, id)
) partition by range (created_at);
create table activities_default partition of activities default;
create index activities_tenant_user_idx on activities (tenant_id, user_id, created_at desc);
create index activities_target_idx on activities (tenant_id, target, target_id, type);
create index activities_created_idx on activities (created_at);
select mono.enable_tenant_rls('activities', 'select, insert, delete');

-- Partitions do not inherit RLS from their parent: lock every partition down too (the
-- runtime roles have no privileges on partitions, and RLS is forced as a second wall).
create or replace function mono.secure_partition(part regclass) returns void
language plpgsql as $$
begin
  execute format('alter table %s enable row level security', part);
  execute format('alter table %s force row level security', part);
  execute format('revoke all on %s from mono_app, mono_platform', part);
end $$;
select mono.secure_partition('audit_logs_default');
select mono.secure_partition('activities_default');

-- Create the monthly partitions of `parent` from this month to `months_ahead` months
-- ahead. Rows that landed in the DEFAULT partition for a month that gets its own
-- partition are moved into it in the same transaction, so nothing is ever lost.
-- Returns the names of the partitions it created.
create or replace function mono.ensure_monthly_partitions(parent regclass, months_ahead int default 3, from_month date default null)
returns setof text language plpgsql as $$
declare
  base_name text := (select relname from pg_class where oid = parent);
  default_part regclass := (select i.inhrelid::regclass from pg_inherits i
                              join pg_partitioned_table p on p.partrelid = i.inhparent
                             where i.inhparent = parent and p.partdefid = i.inhrelid);
  first_month date := coalesce(from_month, date_trunc('month', now())::date);
  month_start date;
  month_end date;
  part_name text;
  moved bigint;
begin
  if months_ahead < 0 or months_ahead > 120 then
    raise exception 'months_ahead must be between 0 and 120, got %', months_ahead using errcode = 'invalid_parameter_value';
  end if;
  perform pg_advisory_xact_lock(hashtext('mono.partitions'), parent::oid::int);
  for i in 0 .. months_ahead loop
    month_start := (first_month + make_interval(months => i))::date;
    month_end := (month_start + interval '1 month')::date;
    part_name := format('%s_p%s', base_name, to_char(month_start, 'YYYY_MM'));
    continue when to_regclass(part_name) is not null;

    execute format('create table %I (like %s including defaults including constraints)', part_name, parent);
    if default_part is not null then
      execute format('with moved as (delete from %s where created_at >= %L and created_at < %L returning *)
                      insert into %I select * from moved', default_part, month_start, month_end, part_name);
      get diagnostics moved = row_count;
    end if;
    execute format('alter table %s attach partition %I for values from (%L) to (%L)', parent, part_name, month_start, month_end);
    perform mono.secure_partition(part_name::regclass);
    return next part_name;
  end loop;
end $$;

select mono.ensure_monthly_partitions('audit_logs', 3);
select mono.ensure_monthly_partitions('activities', 3);
