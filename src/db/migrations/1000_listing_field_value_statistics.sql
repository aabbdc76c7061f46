-- Estimates for field range filters (decision 0102).
--
-- A range on a listing field (`?field.experience_years=2..10`) is a semi-join on
-- listing_field_values (tenant, key, num between …). The planner estimated the key and
-- the range as independent: the histogram of num mixes every key's values, so a range
-- that holds most of one key's values was estimated at 40 % of its rows (4,887 instead of
-- 11,900 at bench scale 1). Expecting a rare filter, it fetched every listing of the
-- other filters by bitmap and sorted them (80–120 ms) where walking the newest-first
-- index until the page is full takes 5 ms. Multivariate statistics on (key, value) give
-- it each key's own distribution: most common combinations and how values depend on
-- the key.
create statistics listing_field_values_key_num (mcv, dependencies) on key, num from listing_field_values;
create statistics listing_field_values_key_day (mcv, dependencies) on key, day from listing_field_values;
analyze listing_field_values;
