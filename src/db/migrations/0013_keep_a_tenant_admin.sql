-- A tenant never loses its last administrator: removing (or narrowing) the last
-- active, tenant-wide tenant_admin assignment of an active user is refused. The
-- transaction-level advisory lock serialises such changes per tenant, so two admins
-- revoking each other at the same moment cannot both succeed. Expired assignments
-- (cleaned up by the jobs) are not protected.
create or replace function mono.keep_a_tenant_admin() returns trigger
language plpgsql as $$
declare
  t uuid;
begin
  for t in
    select distinct o.tenant_id from old_rows o
      join roles r on r.tenant_id = o.tenant_id and r.id = o.role_id and r.type = 'SYSTEM' and r.name = 'tenant_admin'
     where o.account_id is null and (o.expires_at is null or o.expires_at > now())
     order by 1
  loop
    perform pg_advisory_xact_lock(hashtext('mono.tenant_admins'), hashtext(t::text));
    if exists (select 1 from tenants where id = t and deleted_at is null)
       and not exists (
         select 1 from user_roles ur
           join roles r on r.tenant_id = ur.tenant_id and r.id = ur.role_id and r.type = 'SYSTEM' and r.name = 'tenant_admin'
           join users u on u.tenant_id = ur.tenant_id and u.id = ur.user_id and u.deleted_at is null and u.deactivated_at is null
          where ur.tenant_id = t and ur.account_id is null and (ur.expires_at is null or ur.expires_at > now())) then
      raise exception 'tenant % would have no administrator left', t
        using errcode = 'check_violation', constraint = 'tenant_keeps_an_admin';
    end if;
  end loop;
  return null;
end $$;
create trigger keep_a_tenant_admin_on_delete after delete on user_roles
  referencing old table as old_rows for each statement execute function mono.keep_a_tenant_admin();
create trigger keep_a_tenant_admin_on_update after update on user_roles
  referencing old table as old_rows for each statement execute function mono.keep_a_tenant_admin();
