-- Operator-defined listing fields and listing categories (issue 16; decision 0092).
--
-- listing_fields: a tenant's typed fields, each for one or more listing types. The key is
-- unique per tenant (one meaning, one kind, whatever the type), so a search filter names
-- it without naming a type. Enum kinds carry their options; nothing else does.
create table listing_fields (
  tenant_id uuid not null references tenants (id),
  id uuid not null default mono.uuid_v7(),
  key text not null check (key ~ '^[a-z][a-z0-9_]{0,39}$'),
  label text not null check (length(label) between 1 and 200),
  kind text not null check (kind in ('text', 'number', 'enum', 'multi_enum', 'boolean', 'date')),
  listing_types listing_type[] not null check (cardinality(listing_types) between 1 and 4),
  required boolean not null default false,
  public boolean not null default true,
  options text[],
  position integer not null default 0 check (position between 0 and 99),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id),
  constraint listing_fields_key unique (tenant_id, key),
  constraint listing_fields_options check (
    (kind in ('enum', 'multi_enum')) = (options is not null)
    and (options is null or cardinality(options) between 1 and 100))
);
select mono.enable_tenant_rls('listing_fields');
select mono.enable_touch('listing_fields');
select mono.enable_audit('listing_fields');

-- A listing's values: public ones in custom_fields (searched; a GIN jsonb_path_ops index
-- answers equality and any-of as containment), private ones in private_fields (never in
-- a public read). Which column holds a key follows the field's `public` flag.
alter table listings
  add column custom_fields jsonb not null default '{}' check (jsonb_typeof(custom_fields) = 'object'),
  add column private_fields jsonb not null default '{}' check (jsonb_typeof(private_fields) = 'object'),
  add column category_id uuid,
  add constraint listings_category_fkey foreign key (tenant_id, category_id) references categories (tenant_id, id);
create index listings_category_idx on listings (tenant_id, category_id) where category_id is not null;
create index listings_custom_fields_idx on listings using gin (custom_fields jsonb_path_ops)
  where status = 'ACTIVE' and deleted_at is null;

-- Ranges over number and date fields: containment cannot answer them, so each public
-- number (JSON number) and date (a "YYYY-MM-DD" string) is also a row here, kept by the
-- trigger of definitions/092_listing_field_values.sql, and a range is a btree range.
create table listing_field_values (
  tenant_id uuid not null,
  id uuid not null default mono.uuid_v7(),
  listing_id uuid not null,
  key text not null,
  num numeric,
  day date,
  primary key (tenant_id, id),
  constraint listing_field_values_key unique (tenant_id, listing_id, key),
  constraint listing_field_values_one check ((num is null) <> (day is null)),
  foreign key (tenant_id, listing_id) references listings (tenant_id, id) on delete cascade
);
create index listing_field_values_num_idx on listing_field_values (tenant_id, key, num, listing_id) where num is not null;
create index listing_field_values_day_idx on listing_field_values (tenant_id, key, day, listing_id) where day is not null;
select mono.enable_tenant_rls('listing_field_values');

-- Containment (`custom_fields @> '{"size":"M"}'`) may then be an index condition under
-- RLS (see 0203): it raises no data-dependent error.
do $$
begin
  if (select rolsuper from pg_roles where rolname = current_user) then
    alter function pg_catalog.jsonb_contains(jsonb, jsonb) leakproof;
  else
    raise warning 'not a superuser: listing field filters cannot use their index under RLS (see migration 0920)';
  end if;
end $$;
