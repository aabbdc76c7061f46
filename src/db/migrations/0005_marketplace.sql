-- Listings, applications and the messages on an application.

create type listing_type as enum ('GIG', 'JOB', 'SERVICE', 'PRODUCT');
create type price_type as enum ('FIXED', 'HOURLY', 'DAILY', 'PROJECT', 'NEGOTIABLE');
create type listing_status as enum ('DRAFT', 'ACTIVE', 'PAUSED', 'EXPIRED', 'COMPLETED', 'CANCELLED');
create type application_status as enum ('PENDING', 'REVIEWING', 'SHORTLISTED', 'ACCEPTED', 'REJECTED', 'WITHDRAWN');

create table listings (
  tenant_id uuid not null references tenants (id),
  id uuid not null default mono.uuid_v7(),
  account_id uuid not null,
  user_id uuid not null,
  type listing_type not null,
  title text not null check (length(btrim(title)) between 1 and 300),
  description text not null check (length(description) between 1 and 50000),
  price numeric(19, 4) check (price >= 0),
  price_type price_type not null,
  currency text not null default 'USD' check (currency ~ '^[A-Z]{3}$'),
  -- {"addressLine1","addressLine2","city","region","postalCode","country","lat","lng"}
  location jsonb check (location is null or jsonb_typeof(location) = 'object'),
  location_country text generated always as (upper(location ->> 'country')) stored
    check (location_country ~ '^[A-Z]{2}$'),
  latitude double precision generated always as (
    case when jsonb_typeof(location -> 'lat') = 'number' then (location ->> 'lat')::double precision end) stored
    check (latitude between -90 and 90),
  longitude double precision generated always as (
    case when jsonb_typeof(location -> 'lng') = 'number' then (location ->> 'lng')::double precision end) stored
    check (longitude between -180 and 180),
  remote boolean not null default false,
  start_date timestamptz,
  end_date timestamptz,
  duration text check (length(duration) <= 100),
  requirements jsonb check (requirements is null or jsonb_typeof(requirements) in ('object', 'array')),
  application_count integer not null default 0 check (application_count >= 0),
  status listing_status not null default 'DRAFT',
  featured_at timestamptz,
  expires_at timestamptz,
  search tsvector generated always as (
    setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A') ||
    setweight(to_tsvector('english'::regconfig, coalesce(description, '')), 'B')) stored,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  deleted_at timestamptz,
  primary key (tenant_id, id),
  foreign key (tenant_id, account_id) references accounts (tenant_id, id),
  foreign key (tenant_id, user_id) references users (tenant_id, id),
  constraint check_listing_dates check (end_date is null or start_date is null or end_date > start_date)
);
create index listings_tenant_status_idx on listings (tenant_id, status);
create index listings_tenant_type_status_idx on listings (tenant_id, type, status);
create index listings_account_idx on listings (tenant_id, account_id);
create index listings_user_idx on listings (tenant_id, user_id);
create index listings_featured_idx on listings (tenant_id, featured_at) where featured_at is not null;
create index listings_expires_idx on listings (expires_at) where expires_at is not null;
create index listings_country_idx on listings (tenant_id, location_country) where location_country is not null;
create index listings_geo_idx on listings (tenant_id, latitude, longitude) where latitude is not null;
create index listings_search_idx on listings using gin (search);
create index listings_title_trgm_idx on listings using gin (title gin_trgm_ops);
select mono.enable_tenant_rls('listings');
select mono.enable_touch('listings', '{application_count}');
select mono.enable_audit('listings', '', 'application_count');

create table applications (
  tenant_id uuid not null references tenants (id),
  id uuid not null default mono.uuid_v7(),
  listing_id uuid not null,
  applicant_id uuid not null,
  cover_letter text check (length(cover_letter) <= 20000),
  attachments uuid[] not null default '{}',
  answers jsonb check (answers is null or jsonb_typeof(answers) = 'object'),
  status application_status not null default 'PENDING',
  reviewed_at timestamptz,
  reviewed_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id),
  constraint applications_once_per_listing unique (tenant_id, listing_id, applicant_id),
  foreign key (tenant_id, listing_id) references listings (tenant_id, id) on delete cascade,
  foreign key (tenant_id, applicant_id) references users (tenant_id, id),
  foreign key (tenant_id, reviewed_by) references users (tenant_id, id),
  constraint applications_attachments_limit check (cardinality(attachments) <= 20)
);
create index applications_applicant_idx on applications (tenant_id, applicant_id, created_at desc);
create index applications_listing_status_idx on applications (tenant_id, listing_id, status);
create index applications_status_idx on applications (tenant_id, status);
create index applications_reviewed_by_idx on applications (tenant_id, reviewed_by) where reviewed_by is not null;
select mono.enable_tenant_rls('applications');
select mono.enable_touch('applications');
select mono.enable_audit('applications');

-- listings.application_count = the listing's applications that are not WITHDRAWN.
-- Incremental and atomic (row lock on the listing), correct for insert, delete, a
-- status change in or out of WITHDRAWN, and an application moved to another listing.
-- The seed's version recounted on every insert and read NEW on delete (NULL).
create or replace function mono.maintain_application_count() returns trigger
language plpgsql as $$
declare
  counted_before boolean := tg_op in ('UPDATE', 'DELETE') and old.status <> 'WITHDRAWN';
  counted_after boolean := tg_op in ('UPDATE', 'INSERT') and new.status <> 'WITHDRAWN';
begin
  if tg_op = 'UPDATE' and old.listing_id = new.listing_id and counted_before = counted_after then
    return null;
  end if;
  if counted_before then
    update listings set application_count = application_count - 1
     where tenant_id = old.tenant_id and id = old.listing_id;
  end if;
  if counted_after then
    update listings set application_count = application_count + 1
     where tenant_id = new.tenant_id and id = new.listing_id;
  end if;
  return null;
end $$;
create trigger maintain_application_count after insert or delete or update of status, listing_id on applications
  for each row execute function mono.maintain_application_count();

create table messages (
  tenant_id uuid not null,
  id uuid not null default mono.uuid_v7(),
  application_id uuid not null,
  sender_id uuid not null,
  body text not null check (length(body) between 1 and 20000),
  attachments uuid[] not null default '{}',
  edited_at timestamptz,
  read_at timestamptz,
  deleted_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, application_id) references applications (tenant_id, id) on delete cascade,
  foreign key (tenant_id, sender_id) references users (tenant_id, id),
  constraint messages_attachments_limit check (cardinality(attachments) <= 10)
);
create index messages_application_idx on messages (tenant_id, application_id, created_at desc, id desc);
create index messages_sender_idx on messages (tenant_id, sender_id);
select mono.enable_tenant_rls('messages');
select mono.enable_touch('messages');
select mono.enable_audit('messages');
