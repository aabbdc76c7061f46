-- Per-tenant search language (migration 0990, decision 99).

-- The text-search configuration of that name (pg_catalog's first), or null. PL/pgSQL
-- with qualified names and no SET clause: a call costs ~10 µs, the SQL form with
-- `set search_path` ~150 µs (it runs for every inserted listing and content item).
create or replace function mono.search_config_named(p_name text) returns regconfig
language plpgsql stable parallel safe as $$
declare
  config regconfig;
begin
  select c.oid::regconfig into config from pg_catalog.pg_ts_config c where c.cfgname = p_name
   order by c.cfgnamespace = 'pg_catalog'::regnamespace desc, c.oid limit 1;
  return config;
end $$;

-- The tenant's configuration: settings.search.language, english when unset.
create or replace function mono.tenant_search_config(p_tenant uuid) returns regconfig
language plpgsql stable parallel safe as $$
declare
  wanted text;
begin
  select t.settings #>> '{search,language}' into wanted from public.tenants t where t.id = p_tenant;
  return coalesce(mono.search_config_named(wanted), 'pg_catalog.english'::regconfig);
end $$;

-- The same, declared IMMUTABLE on purpose, for queries only: the planner evaluates it
-- once while planning (its argument is a constant), so `websearch_to_tsquery(
-- mono.search_config(T), q)` becomes a constant tsquery exactly like the former
-- `websearch_to_tsquery('english', q)` — the same estimates, the same plans, and one
-- evaluation instead of one per row (a STABLE call in a filter is evaluated per row;
-- a scalar sub-query hides the query from the estimate). Read in the statement's own
-- planning snapshot. Never use it in an index, a generated column or a constraint.
create or replace function mono.search_config(p_tenant uuid) returns regconfig
language plpgsql immutable parallel safe as $$
begin
  return mono.tenant_search_config(p_tenant);
end $$;

-- BEFORE INSERT on listings and contents: the row's configuration is its tenant's.
create or replace function mono.set_search_config() returns trigger
language plpgsql set search_path = pg_catalog as $$
begin
  new.search_config := mono.tenant_search_config(new.tenant_id);
  return new;
end $$;

-- On tenants: BEFORE INSERT/UPDATE OF settings refuses an unknown configuration
-- (SQLSTATE MS4SL, naming the available ones: UNKNOWN_SEARCH_LANGUAGE, 422); AFTER
-- UPDATE re-indexes the tenant's listings and content items in the same transaction
-- when the configuration changed, so search never mixes two languages.
create or replace function mono.tenant_search_language() returns trigger
language plpgsql set search_path = pg_catalog, public as $$
declare
  wanted text := new.settings #>> '{search,language}';
  config regconfig;
begin
  if tg_when = 'BEFORE' then
    if wanted is not null and mono.search_config_named(wanted) is null then
      raise exception using errcode = 'MS4SL',
        message = format('There is no text-search configuration "%s"; available: %s', left(wanted, 100),
                         (select string_agg(distinct cfgname::text, ', ' order by cfgname::text) from pg_ts_config));
    end if;
    return new;
  end if;
  config := coalesce(mono.search_config_named(wanted), 'english'::regconfig);
  if config = coalesce(mono.search_config_named(old.settings #>> '{search,language}'), 'english'::regconfig) then
    return null;
  end if;
  update listings set search_config = config where tenant_id = new.id and search_config <> config;
  update contents set search_config = config where tenant_id = new.id and search_config <> config;
  return null;
end $$;
