-- Roles and permissions.
--
-- Permission names are tier.resource.action. The catalog is global (a Citus reference
-- table) and seeded by migrations; roles and grants are tenant-owned. Wildcard grants
-- ('tenant.*.read', 'account.listings.*', '*') are catalog rows too, so every grant is a
-- real foreign key and a typo cannot silently grant nothing.

create type role_type as enum ('SYSTEM', 'TENANT', 'CUSTOM');
create type role_level as enum ('PLATFORM', 'TENANT', 'ACCOUNT', 'USER');

create table permissions (
  id uuid primary key default mono.uuid_v7(),
  name text not null unique check (
    name = '*' or name ~ '^(platform|tenant|account|user|public)\.([a-z][a-z_]*|\*)\.([a-z][a-z_]*|\*)$'),
  description text,
  created_at timestamptz not null default now()
);
grant select on permissions to mono_app, mono_platform;

create table roles (
  tenant_id uuid not null references tenants (id),
  id uuid not null default mono.uuid_v7(),
  name text not null check (name ~ '^[a-z0-9](?:[a-z0-9_ -]{0,62}[a-z0-9])?$'),
  description text check (length(description) <= 1000),
  type role_type not null default 'CUSTOM',
  level role_level not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id),
  constraint roles_name_key unique (tenant_id, name)
);
select mono.enable_tenant_rls('roles');
select mono.enable_touch('roles');
select mono.enable_audit('roles');

create table role_permissions (
  tenant_id uuid not null,
  id uuid not null default mono.uuid_v7(),
  role_id uuid not null,
  permission_id uuid not null references permissions (id),
  created_at timestamptz not null default now(),
  primary key (tenant_id, id),
  constraint role_permissions_key unique (tenant_id, role_id, permission_id),
  foreign key (tenant_id, role_id) references roles (tenant_id, id) on delete cascade
);
create index role_permissions_permission_idx on role_permissions (permission_id);
select mono.enable_tenant_rls('role_permissions');
select mono.enable_audit('role_permissions');

-- The seed keys UserRole/UserPermission by (user, role/permission); with an optional
-- account scope the same grant may exist once per account and once tenant-wide, so
-- the key also holds account_id (NULLS NOT DISTINCT: one tenant-wide grant).
create table user_roles (
  tenant_id uuid not null,
  id uuid not null default mono.uuid_v7(),
  user_id uuid not null,
  role_id uuid not null,
  account_id uuid,
  assigned_at timestamptz not null default now(),
  assigned_by uuid,
  expires_at timestamptz,
  primary key (tenant_id, id),
  constraint user_roles_key unique nulls not distinct (tenant_id, user_id, role_id, account_id),
  foreign key (tenant_id, user_id) references users (tenant_id, id) on delete cascade,
  foreign key (tenant_id, role_id) references roles (tenant_id, id) on delete cascade,
  foreign key (tenant_id, account_id) references accounts (tenant_id, id) on delete cascade,
  foreign key (tenant_id, assigned_by) references users (tenant_id, id)
);
create index user_roles_role_idx on user_roles (tenant_id, role_id);
create index user_roles_account_idx on user_roles (tenant_id, account_id) where account_id is not null;
create index user_roles_assigned_by_idx on user_roles (tenant_id, assigned_by) where assigned_by is not null;
create index user_roles_expires_idx on user_roles (expires_at) where expires_at is not null;
select mono.enable_tenant_rls('user_roles');
select mono.enable_audit('user_roles');

create table user_permissions (
  tenant_id uuid not null,
  id uuid not null default mono.uuid_v7(),
  user_id uuid not null,
  permission_id uuid not null references permissions (id),
  granted boolean not null default true,
  account_id uuid,
  assigned_at timestamptz not null default now(),
  assigned_by uuid,
  expires_at timestamptz,
  primary key (tenant_id, id),
  constraint user_permissions_key unique nulls not distinct (tenant_id, user_id, permission_id, account_id),
  foreign key (tenant_id, user_id) references users (tenant_id, id) on delete cascade,
  foreign key (tenant_id, account_id) references accounts (tenant_id, id) on delete cascade,
  foreign key (tenant_id, assigned_by) references users (tenant_id, id)
);
create index user_permissions_permission_idx on user_permissions (permission_id);
create index user_permissions_account_idx on user_permissions (tenant_id, account_id) where account_id is not null;
create index user_permissions_assigned_by_idx on user_permissions (tenant_id, assigned_by) where assigned_by is not null;
create index user_permissions_expires_idx on user_permissions (expires_at) where expires_at is not null;
select mono.enable_tenant_rls('user_permissions');
select mono.enable_audit('user_permissions');

-- Authorization version per tenant: bumped by any change that can alter someone's
-- effective permissions, and read with every authenticated request, so permission
-- caches in any number of API processes are invalid on the very next request.
create table mono.authz_versions (
  tenant_id uuid primary key,
  version bigint not null default 1
);
select mono.enable_tenant_rls('mono.authz_versions', 'select, insert, update');

-- Deferred like the audit trigger (locks at commit, after the audit chain head, always in
-- that order) and bumped once per transaction and tenant.
create or replace function mono.bump_authz_version() returns trigger
language plpgsql as $$
declare
  affected uuid := case when tg_op = 'DELETE' then old.tenant_id else new.tenant_id end;
begin
  if current_setting('app.authz_bumped', true) is not distinct from affected::text then
    return null;
  end if;
  insert into mono.authz_versions as v (tenant_id, version) values (affected, 2)
  on conflict (tenant_id) do update set version = v.version + 1;
  perform set_config('app.authz_bumped', affected::text, true);
  return null;
end $$;

create or replace function mono.enable_authz_bump(tbl regclass, events text default 'insert or update or delete')
returns void language plpgsql as $$
begin
  execute format('create constraint trigger bump_authz_version after %s on %s
                    deferrable initially deferred for each row
                    execute function mono.bump_authz_version()', events, tbl);
end $$;

select mono.enable_authz_bump('roles');
select mono.enable_authz_bump('role_permissions');
select mono.enable_authz_bump('user_roles');
select mono.enable_authz_bump('user_permissions');
select mono.enable_authz_bump('account_users', 'insert or update of role, user_id, account_id or delete');
select mono.enable_authz_bump('users', 'update of deactivated_at, deleted_at');
