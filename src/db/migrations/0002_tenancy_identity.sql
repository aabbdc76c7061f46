-- Tenants, plans, users and profiles, accounts and their members and subscriptions,
-- sessions and the one-time secrets authentication needs.
--
-- Every tenant-owned table: tenant_id NOT NULL, primary key (tenant_id, id), every
-- unique constraint led by tenant_id, every reference composite (tenant_id, x_id), so a
-- row can never point into another tenant and Citus can distribute by tenant_id.

create type tenant_status as enum ('ACTIVE', 'TRIAL', 'SUSPENDED', 'INACTIVE');
create type account_type as enum ('INDIVIDUAL', 'AGENCY', 'VENDOR', 'CLIENT');
create type account_status as enum ('PENDING', 'ACTIVE', 'SUSPENDED', 'INACTIVE');
create type subscription_status as enum ('TRIALING', 'ACTIVE', 'PAST_DUE', 'CANCELED', 'EXPIRED');
create type one_time_token_purpose as enum ('EMAIL_VERIFICATION', 'PASSWORD_RESET');

-- Global (Citus reference table): what a plan allows. Account limits = plan limits
-- overridden by accounts.limits.
create table plans (
  code text primary key check (mono.is_identifier(code)),
  name text not null check (length(btrim(name)) between 1 and 100),
  limits jsonb not null default '{}' check (jsonb_typeof(limits) = 'object'),
  features text[] not null default '{}',
  created_at timestamptz not null default now()
);
grant select on plans to mono_app, mono_platform;
grant insert, update, delete on plans to mono_platform;

insert into plans (code, name, limits, features) values
  ('free', 'Free', '{"maxActiveListings": 3, "storageBytes": 104857600, "maxMembers": 3}', '{}'),
  ('starter', 'Starter', '{"maxActiveListings": 25, "storageBytes": 1073741824, "maxMembers": 10}', '{}'),
  ('pro', 'Pro', '{"maxActiveListings": 250, "storageBytes": 10737418240, "maxMembers": 50}', '{"featured-listings"}'),
  ('enterprise', 'Enterprise', '{}', '{"featured-listings"}');

-- Global: one row per tenant. mono_app sees (only) its own tenant and may change only
-- its name and settings (column privileges); status, plan and features are platform's.
create table tenants (
  id uuid primary key default mono.uuid_v7(),
  identifier text not null check (mono.is_identifier(identifier)),
  name text not null check (length(btrim(name)) between 1 and 200),
  status tenant_status not null default 'TRIAL',
  plan text not null default 'free' check (mono.is_identifier(plan)),
  plan_expiry timestamptz,
  settings jsonb not null default '{}' check (jsonb_typeof(settings) = 'object'),
  features text[] not null default '{}',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  deleted_at timestamptz
);
create unique index tenants_identifier_key on tenants (identifier) where deleted_at is null;
create index tenants_status_idx on tenants (status);
create index tenants_plan_expiry_idx on tenants (plan_expiry);
alter table tenants enable row level security;
alter table tenants force row level security;
create policy tenant_isolation on tenants for all to mono_app
  using (id = (select mono.current_tenant_id())) with check (id = (select mono.current_tenant_id()));
create policy platform_access on tenants for all to mono_platform using (true) with check (true);
grant select on tenants to mono_app;
grant update (name, settings) on tenants to mono_app;
grant select, insert, update, delete on tenants to mono_platform;
select mono.enable_touch('tenants');
select mono.enable_audit('tenants');

create table users (
  tenant_id uuid not null references tenants (id),
  id uuid not null default mono.uuid_v7(),
  email text not null check (email = lower(email) and length(email) <= 254 and email ~ '^[^@[:space:]]+@[^@[:space:]]+$'),
  username text check (username ~ '^[A-Za-z0-9](?:[A-Za-z0-9_.-]{1,38}[A-Za-z0-9])$'),
  hashed_password text,
  email_verified boolean not null default false,
  email_verified_at timestamptz,
  two_factor_enabled boolean not null default false,
  two_factor_secret text,
  last_login_at timestamptz,
  login_count integer not null default 0 check (login_count >= 0),
  deactivated_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  deleted_at timestamptz,
  primary key (tenant_id, id),
  constraint users_two_factor_needs_secret check (not two_factor_enabled or two_factor_secret is not null)
);
create unique index users_tenant_email_key on users (tenant_id, email) where deleted_at is null;
create unique index users_tenant_username_key on users (tenant_id, lower(username)) where deleted_at is null and username is not null;
create index users_email_idx on users (email);
select mono.enable_tenant_rls('users');
select mono.enable_touch('users', '{last_login_at,login_count}');
select mono.enable_audit('users', 'hashed_password,two_factor_secret', 'last_login_at,login_count');

create table user_profiles (
  tenant_id uuid not null,
  id uuid not null default mono.uuid_v7(),
  user_id uuid not null,
  display_name text not null check (length(btrim(display_name)) between 1 and 100),
  bio text check (length(bio) <= 5000),
  avatar text check (length(avatar) <= 2048),
  cover_image text check (length(cover_image) <= 2048),
  phone text check (length(phone) <= 40),
  website text check (length(website) <= 2048),
  location text check (length(location) <= 200),
  title text check (length(title) <= 200),
  company text check (length(company) <= 200),
  experience jsonb,
  skills text[] not null default '{}',
  social_links jsonb check (social_links is null or jsonb_typeof(social_links) = 'object'),
  completeness smallint not null default 0 check (completeness between 0 and 100),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id),
  constraint user_profiles_user_key unique (tenant_id, user_id),
  foreign key (tenant_id, user_id) references users (tenant_id, id) on delete cascade
);
select mono.enable_tenant_rls('user_profiles');
select mono.enable_touch('user_profiles');
select mono.enable_audit('user_profiles');

-- Completeness is derived, so the database computes it: the share of the twelve
-- optional-or-required profile facts that are filled in.
create or replace function mono.profile_completeness() returns trigger
language plpgsql as $$
declare
  filled int := 0;
begin
  filled := (new.display_name is not null and btrim(new.display_name) <> '')::int
          + (coalesce(btrim(new.bio), '') <> '')::int
          + (coalesce(btrim(new.avatar), '') <> '')::int
          + (coalesce(btrim(new.cover_image), '') <> '')::int
          + (coalesce(btrim(new.phone), '') <> '')::int
          + (coalesce(btrim(new.website), '') <> '')::int
          + (coalesce(btrim(new.location), '') <> '')::int
          + (coalesce(btrim(new.title), '') <> '')::int
          + (coalesce(btrim(new.company), '') <> '')::int
          + (new.experience is not null and new.experience not in ('null', '[]', '{}'))::int
          + (cardinality(new.skills) > 0)::int
          + (new.social_links is not null and new.social_links <> '{}')::int;
  new.completeness := round(filled * 100.0 / 12);
  return new;
end $$;
create trigger compute_completeness before insert or update on user_profiles
  for each row execute function mono.profile_completeness();

create table accounts (
  tenant_id uuid not null references tenants (id),
  id uuid not null default mono.uuid_v7(),
  identifier text not null check (mono.is_identifier(identifier)),
  name text not null check (length(btrim(name)) between 1 and 200),
  type account_type not null,
  business_info jsonb check (business_info is null or jsonb_typeof(business_info) = 'object'),
  features text[] not null default '{}',
  limits jsonb not null default '{}' check (jsonb_typeof(limits) = 'object'),
  billing_info jsonb check (billing_info is null or jsonb_typeof(billing_info) = 'object'),
  status account_status not null default 'ACTIVE',
  verified_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  deleted_at timestamptz,
  primary key (tenant_id, id)
);
create unique index accounts_tenant_identifier_key on accounts (tenant_id, identifier) where deleted_at is null;
create index accounts_tenant_status_idx on accounts (tenant_id, status);
select mono.enable_tenant_rls('accounts');
select mono.enable_touch('accounts');
select mono.enable_audit('accounts');

create table account_users (
  tenant_id uuid not null,
  id uuid not null default mono.uuid_v7(),
  account_id uuid not null,
  user_id uuid not null,
  role text not null check (role in ('admin', 'member', 'viewer')),
  joined_at timestamptz not null default now(),
  invited_by uuid,
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id),
  constraint account_users_member_key unique (tenant_id, account_id, user_id),
  foreign key (tenant_id, account_id) references accounts (tenant_id, id) on delete cascade,
  foreign key (tenant_id, user_id) references users (tenant_id, id) on delete cascade,
  foreign key (tenant_id, invited_by) references users (tenant_id, id)
);
create index account_users_user_idx on account_users (tenant_id, user_id);
create index account_users_invited_by_idx on account_users (tenant_id, invited_by) where invited_by is not null;
select mono.enable_tenant_rls('account_users');
select mono.enable_touch('account_users');
select mono.enable_audit('account_users');

create table account_subscriptions (
  tenant_id uuid not null,
  id uuid not null default mono.uuid_v7(),
  account_id uuid not null,
  plan text not null references plans (code),
  status subscription_status not null default 'TRIALING',
  current_period_start timestamptz not null default now(),
  current_period_end timestamptz,
  trial_ends_at timestamptz,
  canceled_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id),
  constraint account_subscriptions_account_key unique (tenant_id, account_id),
  foreign key (tenant_id, account_id) references accounts (tenant_id, id) on delete cascade,
  constraint account_subscriptions_period check (current_period_end is null or current_period_end > current_period_start)
);
create index account_subscriptions_plan_idx on account_subscriptions (plan);
select mono.enable_tenant_rls('account_subscriptions');
select mono.enable_touch('account_subscriptions');
select mono.enable_audit('account_subscriptions');

-- Sessions: the bearer token is never stored, only its SHA-256.
create table sessions (
  tenant_id uuid not null,
  id uuid not null default mono.uuid_v7(),
  user_id uuid not null,
  token_hash bytea not null check (length(token_hash) = 32),
  created_at timestamptz not null default now(),
  last_used_at timestamptz not null default now(),
  expires_at timestamptz not null,
  revoked_at timestamptz,
  ip_address text,
  user_agent text,
  two_factor_passed boolean not null default false,
  primary key (tenant_id, id),
  constraint sessions_token_key unique (tenant_id, token_hash),
  foreign key (tenant_id, user_id) references users (tenant_id, id) on delete cascade,
  constraint sessions_expiry check (expires_at > created_at)
);
create index sessions_user_idx on sessions (tenant_id, user_id);
create index sessions_expires_idx on sessions (expires_at);
select mono.enable_tenant_rls('sessions');
select mono.enable_audit('sessions', 'token_hash', 'last_used_at');

-- Email verification and password reset links; stored hashed, single use.
create table one_time_tokens (
  tenant_id uuid not null,
  id uuid not null default mono.uuid_v7(),
  user_id uuid not null,
  purpose one_time_token_purpose not null,
  token_hash bytea not null check (length(token_hash) = 32),
  expires_at timestamptz not null,
  used_at timestamptz,
  created_at timestamptz not null default now(),
  primary key (tenant_id, id),
  constraint one_time_tokens_token_key unique (tenant_id, token_hash),
  foreign key (tenant_id, user_id) references users (tenant_id, id) on delete cascade
);
create index one_time_tokens_user_idx on one_time_tokens (tenant_id, user_id, purpose);
create index one_time_tokens_expires_idx on one_time_tokens (expires_at);
select mono.enable_tenant_rls('one_time_tokens');

-- Two-factor recovery codes; stored hashed, single use.
create table user_recovery_codes (
  tenant_id uuid not null,
  id uuid not null default mono.uuid_v7(),
  user_id uuid not null,
  code_hash bytea not null check (length(code_hash) = 32),
  used_at timestamptz,
  created_at timestamptz not null default now(),
  primary key (tenant_id, id),
  constraint user_recovery_codes_code_key unique (tenant_id, user_id, code_hash),
  foreign key (tenant_id, user_id) references users (tenant_id, id) on delete cascade
);
select mono.enable_tenant_rls('user_recovery_codes');
