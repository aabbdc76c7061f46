-- A tenant never loses its last administrator: a change that removes a live tenant-wide
-- tenant_admin assignment (delete, narrowing to an account, an expiry), or deactivates or
-- deletes a person holding one, is refused when no *permanent* (no expiry), tenant-wide
-- tenant_admin assignment of an active, non-deleted person remains — an assignment that
-- expires tomorrow does not keep a tenant administered. A per-tenant transaction-level
-- advisory lock serialises these changes, and the check runs after it in a fresh
-- snapshot (READ COMMITTED), so two administrators removing each other at the same
-- moment cannot both succeed. Recovery for an operator: `mono tenant admin`.
create or replace function mono.assert_tenant_keeps_admin(t uuid) returns void
language plpgsql as $$
begin
  perform pg_advisory_xact_lock(hashtext('mono.tenant_admins'), hashtext(t::text));
  if exists (select 1 from tenants where id = t and deleted_at is null)
     and not exists (
       select 1 from user_roles ur
         join roles r on r.tenant_id = ur.tenant_id and r.id = ur.role_id and r.type = 'SYSTEM' and r.name = 'tenant_admin'
         join users u on u.tenant_id = ur.tenant_id and u.id = ur.user_id and u.deleted_at is null and u.deactivated_at is null
        where ur.tenant_id = t and ur.account_id is null and ur.expires_at is null) then
    raise exception 'tenant % would have no permanent administrator left', t
      using errcode = 'check_violation', constraint = 'tenant_keeps_an_admin';
  end if;
end $$;

-- An assignment removed or changed: check its tenant when it was a live tenant-wide
-- tenant_admin one. A row trigger (Citus refuses transition tables): AFTER ROW triggers
-- fire when the whole statement is done, so a statement that moves the role between two
-- people is judged on its outcome, as before.
create or replace function mono.keep_a_tenant_admin() returns trigger
language plpgsql as $$
begin
  if (old.expires_at is null or old.expires_at > now())
     and exists (select 1 from roles r
                  where r.tenant_id = old.tenant_id and r.id = old.role_id and r.type = 'SYSTEM' and r.name = 'tenant_admin') then
    perform mono.assert_tenant_keeps_admin(old.tenant_id);
  end if;
  return null;
end $$;

create or replace trigger keep_a_tenant_admin_on_delete after delete on user_roles
  for each row when (old.account_id is null) execute function mono.keep_a_tenant_admin();
create or replace trigger keep_a_tenant_admin_on_update after update on user_roles
  for each row when (old.account_id is null) execute function mono.keep_a_tenant_admin();

-- A person deactivated or deleted: check their tenant when they held a live tenant-wide
-- tenant_admin assignment (a row trigger with a WHEN clause: sign-ins, which update
-- users on every request path, never run it).
create or replace function mono.keep_a_tenant_admin_of_user() returns trigger
language plpgsql as $$
begin
  if exists (
    select 1 from user_roles ur
      join roles r on r.tenant_id = ur.tenant_id and r.id = ur.role_id and r.type = 'SYSTEM' and r.name = 'tenant_admin'
     where ur.tenant_id = new.tenant_id and ur.user_id = new.id and ur.account_id is null
       and (ur.expires_at is null or ur.expires_at > now())) then
    perform mono.assert_tenant_keeps_admin(new.tenant_id);
  end if;
  return null;
end $$;

create or replace trigger keep_a_tenant_admin_on_user after update of deactivated_at, deleted_at on users
  for each row
  when ((old.deactivated_at is null and new.deactivated_at is not null) or (old.deleted_at is null and new.deleted_at is not null))
  execute function mono.keep_a_tenant_admin_of_user();
