-- Favourites and saved searches.
--
-- favourites: a person's saved listings, one row per person and listing (PUT is
-- idempotent through the unique key).
-- saved_searches: a person's search (the public search's query parameters, validated
-- by its schema when saved and again when run), at most 20 per person (the use case
-- counts under the person's row lock). The job `saved-searches.match` records the
-- listings that became ACTIVE since its last look (listings.published_at) and match the
-- search in saved_search_matches, once per search and listing (unique key).
-- listings.published_at: when the listing last became ACTIVE (publish or resume), kept
-- by the trigger of definitions/088_listing_published_at.sql; null for listings that
-- have not become ACTIVE since this migration (their created_at stands in).

alter table listings add column published_at timestamptz;
create index listings_published_idx on listings (tenant_id, published_at) where status = 'ACTIVE' and deleted_at is null;

create table favourites (
  tenant_id uuid not null,
  id uuid not null default mono.uuid_v7(),
  user_id uuid not null,
  listing_id uuid not null,
  created_at timestamptz not null default now(),
  primary key (tenant_id, id),
  constraint favourites_key unique (tenant_id, user_id, listing_id),
  foreign key (tenant_id, user_id) references users (tenant_id, id) on delete cascade,
  foreign key (tenant_id, listing_id) references listings (tenant_id, id) on delete cascade
);
create index favourites_listing_idx on favourites (tenant_id, listing_id);
create index favourites_user_idx on favourites (tenant_id, user_id, id);
select mono.enable_tenant_rls('favourites');
select mono.enable_audit('favourites');

create table saved_searches (
  tenant_id uuid not null,
  id uuid not null default mono.uuid_v7(),
  user_id uuid not null,
  name text not null check (length(btrim(name)) between 1 and 100),
  query jsonb not null check (jsonb_typeof(query) = 'object'),
  checked_through timestamptz not null default now(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, user_id) references users (tenant_id, id) on delete cascade
);
create index saved_searches_user_idx on saved_searches (tenant_id, user_id, id);
select mono.enable_tenant_rls('saved_searches');
select mono.enable_touch('saved_searches', '{checked_through}');
select mono.enable_audit('saved_searches', '', 'checked_through');

create table saved_search_matches (
  tenant_id uuid not null,
  id uuid not null default mono.uuid_v7(),
  saved_search_id uuid not null,
  listing_id uuid not null,
  matched_at timestamptz not null default now(),
  primary key (tenant_id, id),
  constraint saved_search_matches_key unique (tenant_id, saved_search_id, listing_id),
  foreign key (tenant_id, saved_search_id) references saved_searches (tenant_id, id) on delete cascade,
  foreign key (tenant_id, listing_id) references listings (tenant_id, id) on delete cascade
);
create index saved_search_matches_listing_idx on saved_search_matches (tenant_id, listing_id);
create index saved_search_matches_search_idx on saved_search_matches (tenant_id, saved_search_id, id);
select mono.enable_tenant_rls('saved_search_matches');

insert into mono.erasure_rules (table_name, match_column, match_kind, action, assignments, identifying_columns, position) values
  ('public.favourites', 'user_id', 'user', 'delete', null, '{}', 47),
  ('public.saved_searches', 'user_id', 'user', 'delete', null, '{}', 48);
