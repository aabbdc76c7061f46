-- Plans: what an account may use. The ONE answer to "what are this account's limits and
-- features", read by TypeScript (modules/plans) and by the database itself (the media
-- storage quota, 031_media_storage_limit.sql). Nothing else computes it.
--
-- mono.plan_entitlements(tenant, account) returns one row, or none:
--
--   account given      the live account (deleted_at is null) of that tenant:
--     account_status   accounts.status;
--     plan             the code of its subscription's plan while the subscription is
--                      TRIALING, ACTIVE or PAST_DUE; null without one (CANCELED, EXPIRED
--                      or no subscription): then only the account's own limits apply;
--     limits           the plan's limits overridden key by key by accounts.limits, each
--                      value normalised to a JSON integer or JSON null;
--     features         the plan's features and the account's own, distinct and sorted.
--   account null       a person without an account (personal media): the tenant's own
--                      limit for them, storageBytes = tenants.settings.media.userStorageBytes;
--                      no status, no plan, no features.
--   no row             no such live account (or tenant): callers treat it as missing
--                      (takeLimitedSlot: 404 ACCOUNT_NOT_FOUND; the storage quota: nothing fits).
--
-- What a limit's value means — everywhere:
--   a number           the limit (floored to an integer);
--   null               unlimited. In accounts.limits an explicit null overrides the
--                      plan's limit and so lifts it;
--   missing key        unlimited in the answer (nobody set a limit). In accounts.limits
--                      a missing key means "no override": the plan's value applies;
--   anything else      (text, object, …) unlimited, as null.
--
-- Locking: this function only reads. A check-and-act that counts rows against a limit
-- first locks the account row FOR NO KEY UPDATE (modules/plans takeLimitedSlot), then
-- calls this in its next statement so that it reads what the previous holder committed.
-- The storage quota needs no account lock: the upsert of the owner's usage row is both
-- the count and the act (mono.media_usage_add).
--
-- Tenant-explicit (Citus): every query names tenant_id (tenants: id); plans is a global
-- reference table. PL/pgSQL, so the queries are planned with the arguments as values.
create or replace function mono.plan_entitlements(p_tenant uuid, p_account uuid)
returns table (account_status account_status, plan text, limits jsonb, features text[])
language plpgsql stable as $$
#variable_conflict use_column
declare
  own_limits jsonb;
  own_features text[];
  plan_limits jsonb;
  plan_features text[];
  personal jsonb;
begin
  if p_account is null then
    select t.settings -> 'media' -> 'userStorageBytes' into personal
      from tenants t
     where t.id = p_tenant;
    if not found then
      return;
    end if;
    account_status := null;
    plan := null;
    limits := case when personal is null then '{}'::jsonb else jsonb_build_object('storageBytes', mono.jsonb_bigint(personal)) end;
    features := '{}';
    return next;
    return;
  end if;

  select a.status, a.limits, a.features into account_status, own_limits, own_features
    from accounts a
   where a.tenant_id = p_tenant and a.id = p_account and a.deleted_at is null;
  if not found then
    return;
  end if;

  select s.plan, p.limits, p.features into plan, plan_limits, plan_features
    from account_subscriptions s
    join plans p on p.code = s.plan
   where s.tenant_id = p_tenant and s.account_id = p_account and s.status in ('TRIALING', 'ACTIVE', 'PAST_DUE');
  if not found then
    plan := null;
  end if;

  select coalesce(jsonb_object_agg(e.key, mono.jsonb_bigint(e.value)), '{}'::jsonb) into limits
    from jsonb_each(coalesce(plan_limits, '{}'::jsonb) || own_limits) e;
  select coalesce(array_agg(distinct f order by f), '{}') into features
    from unnest(coalesce(plan_features, '{}') || own_features) f;
  return next;
end $$;

