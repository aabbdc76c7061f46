-- The iCalendar SEQUENCE of a booking (issue 14, item 4): the invitations e-mailed for a
-- booking carry one stable UID and this number, which goes up whenever what a calendar
-- shows of it changes (time, title, place, status), so a calendar app replaces its copy
-- instead of adding another. Kept by the database: no code path can forget it.
alter table bookings add column ical_sequence integer not null default 0 check (ical_sequence >= 0);
-- Raised by the trigger mono.bump_ical_sequence (definitions/082_booking_ical_sequence.sql).
