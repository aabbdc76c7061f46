-- Bookings and availability.

create type booking_type as enum ('APPOINTMENT', 'SERVICE', 'CONSULTATION', 'EVENT');
create type booking_status as enum ('PENDING', 'CONFIRMED', 'IN_PROGRESS', 'COMPLETED', 'CANCELLED', 'NO_SHOW');

create table bookings (
  tenant_id uuid not null references tenants (id),
  id uuid not null default mono.uuid_v7(),
  resource_id uuid not null,
  client_id uuid not null,
  title text not null check (length(btrim(title)) between 1 and 300),
  description text check (length(description) <= 10000),
  type booking_type not null,
  start_time timestamptz not null,
  end_time timestamptz not null,
  timezone text not null check (mono.is_timezone(timezone)),
  recurrence jsonb check (recurrence is null or jsonb_typeof(recurrence) = 'object'),
  location text check (length(location) <= 500),
  meeting_url text check (length(meeting_url) <= 2048),
  price numeric(19, 4) check (price >= 0),
  currency text check (currency ~ '^[A-Z]{3}$'),
  paid boolean not null default false,
  status booking_status not null default 'PENDING',
  confirmed_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  cancelled_at timestamptz,
  primary key (tenant_id, id),
  foreign key (tenant_id, resource_id) references users (tenant_id, id),
  foreign key (tenant_id, client_id) references users (tenant_id, id),
  constraint check_booking_dates check (end_time > start_time),
  -- The final word on double booking: no two active bookings of one resource overlap.
  -- Half-open ranges, so back-to-back bookings are fine; cancelled ones free the slot.
  constraint bookings_no_overlap exclude using gist (
    tenant_id with =, resource_id with =, tstzrange(start_time, end_time, '[)') with &&)
    where (status in ('PENDING', 'CONFIRMED', 'IN_PROGRESS'))
);
create index bookings_resource_time_idx on bookings (tenant_id, resource_id, start_time, end_time);
create index bookings_client_idx on bookings (tenant_id, client_id, start_time);
create index bookings_status_idx on bookings (tenant_id, status);
select mono.enable_tenant_rls('bookings');
select mono.enable_touch('bookings');
select mono.enable_audit('bookings');

-- Weekly windows (day_of_week) or a date-specific override (date) that replaces the
-- whole day; available=false or a zero-length override blocks the day.
create table availabilities (
  tenant_id uuid not null,
  id uuid not null default mono.uuid_v7(),
  user_id uuid not null,
  day_of_week smallint check (day_of_week between 0 and 6),
  date date,
  start_time text not null check (mono.is_hhmm(start_time)),
  end_time text not null check (mono.is_hhmm(end_time)),
  timezone text not null check (mono.is_timezone(timezone)),
  available boolean not null default true,
  recurring boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, user_id) references users (tenant_id, id) on delete cascade,
  constraint availabilities_weekday_xor_date check ((day_of_week is null) <> (date is null)),
  constraint availabilities_window check (start_time < end_time or (date is not null and start_time = end_time)),
  constraint availabilities_recurring_is_weekly check (recurring = (day_of_week is not null))
);
create index availabilities_user_idx on availabilities (tenant_id, user_id, day_of_week);
create index availabilities_date_idx on availabilities (tenant_id, user_id, date) where date is not null;
select mono.enable_tenant_rls('availabilities');
select mono.enable_touch('availabilities');
select mono.enable_audit('availabilities');
