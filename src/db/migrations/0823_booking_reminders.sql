-- Reminders before a booking (issue 14, item 4). The reminder job claims a booking by
-- inserting its marker row in the transaction that writes the notices: the unique key
-- lets exactly one process win, however many run the job at once, and a rolled-back
-- attempt leaves no marker, so the booking is reminded on the next run.
create table booking_reminders (
  tenant_id uuid not null references tenants (id),
  id uuid not null default mono.uuid_v7(),
  booking_id uuid not null,
  -- The booking's start the reminder was for: a booking moved later is reminded again.
  start_time timestamptz not null,
  created_at timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, booking_id) references bookings (tenant_id, id) on delete cascade,
  constraint booking_reminders_key unique (tenant_id, booking_id, start_time)
);
select mono.enable_tenant_rls('booking_reminders', 'select, insert');

-- The job's sweep across tenants: confirmed bookings by start time.
create index bookings_confirmed_start_idx on bookings (start_time) where status = 'CONFIRMED';
