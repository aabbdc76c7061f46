-- The storage limit of a media owner in bytes, or null for none; the quota trigger
-- (mono.media_usage_add, migration 0150) checks every growth of usage against it.
-- Owner: the account (p_account) or, p_account null, a person without one. The number
-- comes from the plans unit (030_plans_entitlements.sql) — the same answer TypeScript
-- gets: storageBytes of the account's effective limits, or the tenant's
-- settings.media.userStorageBytes for personal files. An account that is not live
-- (deleted) has no plan at all: nothing more fits (0).
create or replace function mono.media_storage_limit(p_tenant uuid, p_account uuid) returns bigint
language plpgsql stable as $$
declare
  found_limits jsonb;
begin
  select e.limits into found_limits from mono.plan_entitlements(p_tenant, p_account) e;
  if not found then
    return 0;
  end if;
  return mono.jsonb_bigint(found_limits -> 'storageBytes');
end $$;
