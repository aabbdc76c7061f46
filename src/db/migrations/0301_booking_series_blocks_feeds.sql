-- Bookings, part two: recurring series, availability overrides by account managers,
-- blocked ranges, and secret calendar feeds.

-- Every occurrence of a recurring booking is its own row (so the exclusion constraint
-- guards each one); series_id groups them and recurrence holds the rule.
alter table bookings
  add column series_id uuid,
  add column availability_overridden_by uuid,
  add constraint bookings_series_has_rule check ((series_id is null) = (recurrence is null)),
  add constraint bookings_overridden_by_fkey foreign key (tenant_id, availability_overridden_by) references users (tenant_id, id);
create index bookings_series_idx on bookings (tenant_id, series_id, start_time) where series_id is not null;
create index bookings_overridden_by_idx on bookings (tenant_id, availability_overridden_by) where availability_overridden_by is not null;

-- Absolute stretches of time in which a resource cannot be booked (holidays, sick days),
-- subtracted from the weekly windows and date overrides.
create table availability_blocks (
  tenant_id uuid not null,
  id uuid not null default mono.uuid_v7(),
  user_id uuid not null,
  start_time timestamptz not null,
  end_time timestamptz not null,
  reason text check (length(reason) <= 500),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, user_id) references users (tenant_id, id) on delete cascade,
  constraint availability_blocks_range check (end_time > start_time)
);
create index availability_blocks_user_range_idx on availability_blocks using gist (tenant_id, user_id, tstzrange(start_time, end_time, '[)'));
select mono.enable_tenant_rls('availability_blocks');
select mono.enable_touch('availability_blocks');
select mono.enable_audit('availability_blocks');

-- One iCalendar feed per resource behind a secret URL. Only the SHA-256 of the token
-- is stored; rotating the token replaces the row's hash.
create table calendar_feeds (
  tenant_id uuid not null,
  id uuid not null default mono.uuid_v7(),
  user_id uuid not null,
  token_hash bytea not null check (length(token_hash) = 32),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id),
  constraint calendar_feeds_user_key unique (tenant_id, user_id),
  constraint calendar_feeds_token_key unique (tenant_id, token_hash),
  foreign key (tenant_id, user_id) references users (tenant_id, id) on delete cascade
);
select mono.enable_tenant_rls('calendar_feeds');
select mono.enable_touch('calendar_feeds');
select mono.enable_audit('calendar_feeds', 'token_hash');
