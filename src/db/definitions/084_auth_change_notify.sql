-- API processes cache what authenticating a session answers (modules/access/session-cache.ts):
-- the session, its user's state, the tenant's state and authorization version, whether an
-- account exists. Every change to one of those tells them on channel `mono_auth`, with the
-- tenant's id as payload, at commit (NOTIFY is transactional; one per transaction and
-- tenant, PostgreSQL folds duplicates). Each process then forgets everything it cached for
-- that tenant. tg_argv[0] names the column that holds the tenant's id.
-- On a Citus worker (a shard's trigger, mono.on_citus_worker, 110) NOTIFY is refused and
-- nobody listens there: the notice is kept in mono.citus_signals (the tenant's shard group),
-- which the API processes on Citus read (decision 0101). Not for `tenants` (argument `id`),
-- a reference table: its coordinator placement notifies.
create or replace function mono.notify_auth_change() returns trigger
language plpgsql as $$
declare
  tenant text := to_jsonb(case when tg_op = 'DELETE' then old else new end) ->> tg_argv[0];
begin
  if not mono.on_citus_worker() then
    perform pg_notify('mono_auth', tenant);
  elsif tg_argv[0] = 'tenant_id' then
    insert into mono.citus_signals (tenant_id, channel, payload) values (tenant::uuid, 'mono_auth', tenant);
  end if;
  return null;
end $$;

-- Revocation, sign-out, a passed second factor, a shortened expiry (the last_used_at touch is not one).
create or replace trigger notify_auth_change after update of revoked_at, expires_at, two_factor_passed, user_id or delete on sessions
  for each row execute function mono.notify_auth_change('tenant_id');
-- Deactivation and deletion (they also bump the authorization version; told here at once).
create or replace trigger notify_auth_change after update of deactivated_at, deleted_at or delete on users
  for each row execute function mono.notify_auth_change('tenant_id');
-- Every change of roles, grants and memberships bumps the version (migration 0003).
create or replace trigger notify_auth_change after insert or update on mono.authz_versions
  for each row execute function mono.notify_auth_change('tenant_id');
create or replace trigger notify_auth_change after update of status, deleted_at, identifier or delete on tenants
  for each row execute function mono.notify_auth_change('id');
create or replace trigger notify_auth_change after update of deleted_at or delete on accounts
  for each row execute function mono.notify_auth_change('tenant_id');
