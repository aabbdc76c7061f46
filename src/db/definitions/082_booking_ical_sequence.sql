-- The iCalendar SEQUENCE of a booking goes up whenever what a calendar shows of it
-- changes (time, title, place, status): e-mailed invitations then replace the copy a
-- calendar app holds (same UID, higher SEQUENCE). Column from migration 0822.
create or replace function mono.bump_ical_sequence() returns trigger
language plpgsql as $$
begin
  if (new.start_time, new.end_time, new.title, new.location, new.meeting_url, new.status)
     is distinct from (old.start_time, old.end_time, old.title, old.location, old.meeting_url, old.status) then
    new.ical_sequence := old.ical_sequence + 1;
  end if;
  return new;
end $$;

create or replace trigger bump_ical_sequence before update on bookings for each row execute function mono.bump_ical_sequence();
