-- Lets the planner use the statistics of enum columns under row-level security
-- (decision 51; the same reasoning as 0203 and decision 21).
--
-- Under RLS the planner uses a column's statistics (most common values, histogram) only
-- for conditions whose operator is LEAKPROOF; otherwise it estimates from the number
-- of distinct values alone. `enum = enum` is not marked so, although it compares two
-- OIDs and raises no error whatever the data. So `status = 'ACTIVE'` (60 % of listings)
-- was estimated as 1 of 6 statuses: every search as mono_app was estimated 3.6× too
-- rare — wrongly blamed on the tenant predicate meeting the policy (which the planner
-- already merges into one condition) — and a very common term was planned as a rare one:
-- a bitmap scan of every match and a sort, instead of walking the newest listings
-- until a page of candidates is found (benchmark 3).
--
-- Only a superuser may mark functions leakproof; elsewhere this is skipped with a
-- warning (estimates stay as they were, results are the same).
do $$
begin
  if (select rolsuper from pg_roles where rolname = current_user) then
    alter function pg_catalog.enum_eq(anyenum, anyenum) leakproof;
    alter function pg_catalog.enum_ne(anyenum, anyenum) leakproof;
  else
    raise warning 'not a superuser: enum conditions are estimated without statistics under RLS (see migration 0852)';
  end if;
end $$;
