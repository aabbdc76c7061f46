-- Per-tenant search language (issue 16, 2; decision 99): a tenant names a PostgreSQL
-- text-search configuration in tenants.settings.search.language (default english).
-- Listings and content items carry it in search_config (set by a BEFORE INSERT trigger
-- from the tenant's setting, rewritten for all of the tenant's rows when the setting
-- changes) and their generated search vector is built with it. Queries parse with
-- mono.search_config(tenant) (definition 102).
--
-- The functions and triggers' bodies live in definitions/102_search_language.sql; these
-- placeholders only let the triggers be created (no tenant has the setting yet, so every
-- existing row is english, as its vector already is).
create or replace function mono.set_search_config() returns trigger language plpgsql as $$ begin return new; end $$;
create or replace function mono.tenant_search_language() returns trigger language plpgsql as $$ begin return new; end $$;

-- listings: the view that selects l.search goes and comes back with the same columns.
drop view listing_with_stats;
alter table listings add column search_config regconfig not null default 'english';
-- Drops listings_search_idx, listings_public_newest_idx, listings_public_price_asc_idx
-- (PostgreSQL 15 cannot change a generated column's expression in place).
alter table listings drop column search;
alter table listings add column search tsvector generated always as (
  setweight(to_tsvector(search_config, coalesce(title, '')), 'A') ||
  setweight(to_tsvector(search_config, coalesce(description, '')), 'B')) stored;
-- Exactly as in 0202 and 0853.
create index listings_search_idx on listings using gin (search)
  where status = 'ACTIVE' and deleted_at is null;
create index listings_public_newest_idx on listings (tenant_id, created_at desc, id desc)
  include (search, expires_at, account_id)
  where status = 'ACTIVE' and deleted_at is null;
create index listings_public_price_asc_idx
  on listings (tenant_id, currency, (case when price is null then 'Infinity'::numeric else price end), id)
  include (price, created_at, search, expires_at, account_id)
  where status = 'ACTIVE' and deleted_at is null;

create view listing_with_stats with (security_invoker = true) as
select l.tenant_id, l.id, l.account_id, l.user_id, l.type, l.title, l.description, l.price, l.price_type, l.currency,
       l.location, l.location_country, l.latitude, l.longitude, l.remote, l.start_date, l.end_date, l.duration,
       l.requirements, l.application_count, l.status, l.featured_at, l.expires_at, l.search, l.created_at,
       l.updated_at, l.deleted_at,
       count(a.id) as total_applications,
       count(a.id) filter (where a.status <> 'WITHDRAWN') as active_applications,
       count(a.id) filter (where a.status = 'PENDING') as pending_applications,
       count(a.id) filter (where a.status = 'SHORTLISTED') as shortlisted_applications,
       count(a.id) filter (where a.status = 'ACCEPTED') as accepted_applications,
       max(a.created_at) as last_application_at
  from listings l
  left join applications a on a.tenant_id = l.tenant_id and a.listing_id = l.id
 group by l.tenant_id, l.id;
grant select on listing_with_stats to mono_app, mono_platform;

-- contents: the same.
alter table contents add column search_config regconfig not null default 'english';
alter table contents drop column search;
alter table contents add column search tsvector generated always as (
  setweight(to_tsvector(search_config, coalesce(title, '')), 'A') ||
  setweight(to_tsvector(search_config, mono.text_array_to_string(tags)), 'B') ||
  setweight(to_tsvector(search_config, coalesce(description, '')), 'B') ||
  setweight(to_tsvector(search_config, coalesce(body, '')), 'C')) stored;
create index contents_search_idx on contents using gin (search);

-- A language change rewrites search_config of every row of the tenant: bookkeeping, not
-- an edit — updated_at stays, the audit trail records the tenant's setting, not each row.
drop trigger touch_updated_at on listings;
create trigger touch_updated_at before update on listings for each row
  execute function mono.touch_updated_at('application_count', 'location_country', 'latitude', 'longitude', 'search', 'search_config');
drop trigger audit on listings;
create constraint trigger audit after insert or update or delete on listings deferrable initially deferred for each row
  execute function mono.audit_row('', 'application_count,location_country,latitude,longitude,search,search_config', 'listings');
drop trigger touch_updated_at on contents;
create trigger touch_updated_at before update on contents for each row
  execute function mono.touch_updated_at('views', 'likes', 'shares', 'search', 'search_config');
drop trigger audit on contents;
create constraint trigger audit after insert or update or delete on contents deferrable initially deferred for each row
  execute function mono.audit_row('', 'views,likes,shares,search,search_config', 'contents');

create trigger search_config before insert on listings for each row execute function mono.set_search_config();
create trigger search_config before insert on contents for each row execute function mono.set_search_config();
-- Validate before the row is written; re-index after.
create trigger search_language before insert or update of settings on tenants for each row
  execute function mono.tenant_search_language();
create trigger search_language_reindex after update of settings on tenants for each row
  execute function mono.tenant_search_language();

analyze listings;
analyze contents;
