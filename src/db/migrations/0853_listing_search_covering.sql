-- Search reads the index, not the table (decision 51, benchmark 3).
--
-- A relevance search first takes the newest matches (at most 1,000 candidates) on the
-- newest-first index, testing each listing's vector on the way; for a common term in a
-- big tenant that is thousands of heap rows read only to test `search @@ query`, the
-- expiry and the account. With the vector, the expiry and the account in the index
-- (INCLUDE: carried, not sorted), that walk is an index-only scan. Measured on the big
-- tenant at scale 0.3, common term: the candidate walk 16 ms → 1.5 ms.
--
-- Likewise the price order of one currency (sort=price_asc, and every price range of a
-- search not sorted price_desc), which also carries the price and creation time. The
-- same keys and predicates as in 0202, so every plan that used them still does.
drop index listings_public_newest_idx;
create index listings_public_newest_idx on listings (tenant_id, created_at desc, id desc)
  include (search, expires_at, account_id)
  where status = 'ACTIVE' and deleted_at is null;

drop index listings_public_price_asc_idx;
create index listings_public_price_asc_idx
  on listings (tenant_id, currency, (case when price is null then 'Infinity'::numeric else price end), id)
  include (price, created_at, search, expires_at, account_id)
  where status = 'ACTIVE' and deleted_at is null;

-- A price range is a condition on the sort key expression, and the planner keeps no
-- statistics of the expression of a partial index: it assumed 0.5 % of the listings in
-- any range (36 instead of 3,089 rows in the benchmark's range). Statistics on the
-- expressions themselves correct that.
create statistics listings_price_asc_key on ((case when price is null then 'Infinity'::numeric else price end)) from listings;
create statistics listings_price_desc_key on ((case when price is null then '-Infinity'::numeric else price end)) from listings;
analyze listings;
