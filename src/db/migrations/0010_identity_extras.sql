-- What sign-in needs beyond the foundation: login throttling, a mail outbox, and the
-- rule that an account never loses its last admin.

-- Failed sign-in counters. Global on purpose: the per-IP key spans tenants. Keys are
-- SHA-256 digests (hex), so no tenant can read another's e-mail addresses from here.
create table auth_throttles (
  key text primary key check (key ~ '^[0-9a-f]{64}$'),
  failures integer not null default 0 check (failures >= 0),
  window_started_at timestamptz not null default now(),
  locked_until timestamptz
);
create index auth_throttles_window_idx on auth_throttles (window_started_at);
grant select, insert, update, delete on auth_throttles to mono_app, mono_platform;

-- Outgoing e-mail (the transactional outbox): written in the same transaction as the
-- change that causes it, so a rolled-back registration sends nothing. The default
-- mailer only logs; a delivery worker would mark sent_at.
create table mail_outbox (
  tenant_id uuid not null references tenants (id),
  id uuid not null default mono.uuid_v7(),
  to_email text not null check (length(to_email) <= 254),
  subject text not null check (length(subject) <= 500),
  body_text text not null,
  template text not null check (template ~ '^[a-z][a-z0-9_.-]*$'),
  payload jsonb not null default '{}' check (jsonb_typeof(payload) = 'object'),
  created_at timestamptz not null default now(),
  sent_at timestamptz,
  primary key (tenant_id, id)
);
create index mail_outbox_unsent_idx on mail_outbox (created_at) where sent_at is null;
select mono.enable_tenant_rls('mail_outbox', 'select, insert, update');

-- An account that has members keeps at least one admin. Checked after each statement
-- (not deferred: the account row lock must be taken before the audit chain lock a
-- transaction takes at commit, or two transactions could deadlock). Locking the
-- account rows serialises concurrent removals, so two admins demoting each other at
-- once cannot both succeed.
create or replace function mono.keep_one_account_admin() returns trigger
language plpgsql as $$
declare
  affected record;
begin
  for affected in select distinct tenant_id, account_id from old_rows order by tenant_id, account_id loop
    perform 1 from accounts where tenant_id = affected.tenant_id and id = affected.account_id and deleted_at is null for update;
    continue when not found; -- the account is gone or deleted: nothing to protect
    if exists (select 1 from account_users where tenant_id = affected.tenant_id and account_id = affected.account_id)
       and not exists (select 1 from account_users
                        where tenant_id = affected.tenant_id and account_id = affected.account_id and role = 'admin') then
      raise exception 'account % would have no admin left', affected.account_id
        using errcode = 'check_violation', constraint = 'account_keeps_an_admin';
    end if;
  end loop;
  return null;
end $$;
create trigger keep_one_account_admin_on_delete after delete on account_users
  referencing old table as old_rows for each statement execute function mono.keep_one_account_admin();
create trigger keep_one_account_admin_on_update after update on account_users
  referencing old table as old_rows for each statement execute function mono.keep_one_account_admin();
