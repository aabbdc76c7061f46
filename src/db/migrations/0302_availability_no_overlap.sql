-- Availability windows, guarded by the database. Replacing a schedule is delete-then-
-- insert; before this migration two concurrent replacements could both delete nothing
-- of each other's rows and both insert, leaving overlapping windows in mixed zones.
-- The service now serialises replacements per person (an advisory lock); these
-- constraints are the final word whatever path writes:
--   * weekly windows of one person on one weekday do not overlap, and all are in one zone;
--   * the windows of one person's date override do not overlap, and one date is either
--     available (windows) or blocked, in one zone.
-- Half-open ranges of minutes since midnight ('24:00' = 1440), so back-to-back windows
-- are fine; a blocked day's '00:00'–'00:00' row is an empty range and overlaps nothing.

create or replace function mono.hhmm_minutes(value text) returns integer
language sql immutable strict parallel safe as $$
  select split_part(value, ':', 1)::integer * 60 + split_part(value, ':', 2)::integer
$$;

-- Schedules corrupted by that race: every replacement writes all its rows in one
-- transaction (one created_at), so keep the rows of the latest one and drop the rest —
-- the schedule becomes exactly one of those that were submitted.
delete from availabilities a
 where a.day_of_week is not null
   and a.created_at < (select max(b.created_at) from availabilities b
                        where b.tenant_id = a.tenant_id and b.user_id = a.user_id and b.day_of_week is not null);
delete from availabilities a
 where a.date is not null
   and a.created_at < (select max(b.created_at) from availabilities b
                        where b.tenant_id = a.tenant_id and b.user_id = a.user_id and b.date = a.date);
-- The deletes' audit entries are written by deferred triggers; ALTER TABLE refuses to
-- run while they are pending.
set constraints all immediate;

alter table availabilities
  add constraint availabilities_weekly_no_overlap exclude using gist (
    tenant_id with =, user_id with =, day_of_week with =,
    int4range(mono.hhmm_minutes(start_time), mono.hhmm_minutes(end_time), '[)') with &&)
    where (day_of_week is not null),
  add constraint availabilities_weekly_one_zone exclude using gist (
    tenant_id with =, user_id with =, timezone with <>)
    where (day_of_week is not null),
  add constraint availabilities_override_no_overlap exclude using gist (
    tenant_id with =, user_id with =, date with =,
    int4range(mono.hhmm_minutes(start_time), mono.hhmm_minutes(end_time), '[)') with &&)
    where (date is not null),
  add constraint availabilities_override_one_kind exclude using gist (
    tenant_id with =, user_id with =, date with =, (timezone || case when available then '+' else '-' end) with <>)
    where (date is not null);
