-- Booking a listing (issue 16, 4): a listing's booking settings, the people who can be
-- booked through it, and bookings that name the listing they were made through with the
-- answers to its questions. Buffers, notice, window and limits are enforced by the use
-- case under a per-provider advisory lock; overlaps stay the exclusion constraint's.

create table listing_booking_settings (
  tenant_id uuid not null,
  id uuid not null default mono.uuid_v7(),
  listing_id uuid not null,
  -- Offered lengths in minutes, e.g. [30, 60]; the first is the default.
  durations jsonb not null default '[60]',
  buffer_before integer not null default 0 check (buffer_before between 0 and 1440),
  buffer_after integer not null default 0 check (buffer_after between 0 and 1440),
  minimum_notice integer not null default 0 check (minimum_notice between 0 and 527040),
  window_days integer not null default 60 check (window_days between 1 and 730),
  daily_limit integer check (daily_limit between 1 and 1000),
  weekly_limit integer check (weekly_limit between 1 and 5000),
  -- [{ "id": "size", "text": "Your size?", "required": true }]
  questions jsonb not null default '[]',
  requires_confirmation boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id),
  constraint listing_booking_settings_listing_key unique (tenant_id, listing_id),
  foreign key (tenant_id, listing_id) references listings (tenant_id, id) on delete cascade,
  constraint listing_booking_settings_durations check (jsonb_typeof(durations) = 'array' and jsonb_array_length(durations) between 1 and 10),
  constraint listing_booking_settings_questions check (jsonb_typeof(questions) = 'array' and jsonb_array_length(questions) <= 20)
);
select mono.enable_tenant_rls('listing_booking_settings');
select mono.enable_touch('listing_booking_settings');
select mono.enable_audit('listing_booking_settings');

-- Who can be booked through a listing (members of the listing's account when set).
create table listing_booking_providers (
  tenant_id uuid not null,
  id uuid not null default mono.uuid_v7(),
  listing_id uuid not null,
  user_id uuid not null,
  created_at timestamptz not null default now(),
  primary key (tenant_id, id),
  constraint listing_booking_providers_key unique (tenant_id, listing_id, user_id),
  foreign key (tenant_id, listing_id) references listing_booking_settings (tenant_id, listing_id) on delete cascade,
  foreign key (tenant_id, user_id) references users (tenant_id, id) on delete cascade
);
create index listing_booking_providers_user_idx on listing_booking_providers (tenant_id, user_id);
select mono.enable_tenant_rls('listing_booking_providers');
select mono.enable_audit('listing_booking_providers');

alter table bookings
  add column listing_id uuid,
  add column answers jsonb,
  add constraint bookings_listing_fkey foreign key (tenant_id, listing_id) references listings (tenant_id, id) on delete set null (listing_id),
  add constraint bookings_answers_object check (answers is null or jsonb_typeof(answers) = 'object');
create index bookings_listing_idx on bookings (tenant_id, listing_id, start_time) where listing_id is not null;

-- Erasure (0405): a person stops being a provider; the answers they gave as a client go.
insert into mono.erasure_rules (table_name, match_column, match_kind, action, assignments, identifying_columns, position) values
  ('public.listing_booking_providers', 'user_id', 'user', 'delete', null, '{}', 45),
  ('public.bookings', 'client_id', 'user', 'update', 'answers = null', '{}', 46);
