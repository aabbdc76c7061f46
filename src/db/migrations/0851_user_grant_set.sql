-- Cold permission resolution in one round trip and a handful of rows (decision 51).
--
-- mono.user_grants (0014) expands every role of the user into its permissions: for 10
-- roles of 100 permissions that is 1,000 rows to join, send and map for every user after
-- every change to the tenant's grants. The role definitions are the same for every user
-- who has the role, so the resolver keeps them (per tenant, valid for one authorization
-- version) and this function sends, in one statement and one snapshot:
--   'r'  the user's role assignments: role id, account (null: tenant-wide), expiry —
--        account memberships as the system role they stand for, in that account;
--   'g'  the user's direct grants and denies: permission, account, granted, expiry;
--   'd'  the definition (permission names) of each assigned role not in p_known, which
--        lists the roles whose definitions the caller already holds for the version;
--   'v'  the tenant's authorization version, which those definitions belong to.
-- Expired assignments and grants are left out, like in mono.user_grants. SECURITY
-- INVOKER: RLS limits it to the caller's tenant; the predicates name it too.
create or replace function mono.user_grant_set(p_user uuid, p_known uuid[] default '{}')
returns table (kind "char", role_id uuid, account_id uuid, permission text, permissions text[], granted boolean,
               expires_at timestamptz, version bigint)
language plpgsql stable as $$
declare
  t uuid := mono.current_tenant_id();
begin
  return query
    with assigned as (
      select ur.role_id, ur.account_id, ur.expires_at
        from user_roles ur
       where ur.tenant_id = t and ur.user_id = p_user and (ur.expires_at is null or ur.expires_at > now())
      union all
      select r.id, au.account_id, null::timestamptz
        from account_users au
        join accounts a on a.tenant_id = au.tenant_id and a.id = au.account_id and a.deleted_at is null
        join roles r on r.tenant_id = au.tenant_id and r.type = 'SYSTEM' and r.name = 'account_' || au.role
       where au.tenant_id = t and au.user_id = p_user
    )
    select 'r'::"char", s.role_id, s.account_id, null::text, null::text[], true, s.expires_at, null::bigint
      from assigned s
    union all
    select 'd'::"char", d.role_id, null::uuid, null::text,
           array(select p.name from role_permissions rp join permissions p on p.id = rp.permission_id
                  where rp.tenant_id = t and rp.role_id = d.role_id),
           true, null::timestamptz, null::bigint
      from (select distinct s.role_id from assigned s where not (s.role_id = any (p_known))) d
    union all
    select 'g'::"char", null::uuid, up.account_id, p.name, null::text[], up.granted, up.expires_at, null::bigint
      from user_permissions up
      join permissions p on p.id = up.permission_id
     where up.tenant_id = t and up.user_id = p_user and (up.expires_at is null or up.expires_at > now())
    union all
    select 'v'::"char", null::uuid, null::uuid, null::text, null::text[], true, null::timestamptz,
           coalesce((select v.version from mono.authz_versions v where v.tenant_id = t), 1);
end $$;
grant execute on function mono.user_grant_set(uuid, uuid[]) to mono_app, mono_platform;
