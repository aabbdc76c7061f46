-- A term search finds the tenant's matches in one index (issue 20, item 3).
--
-- Measured on the bench data at scale 1 (docs/benchmarks.md): for a rare term the planner
-- ANDed the GIN bitmap of listings_search_idx (165 matches across every tenant, 11 ms)
-- with a bitmap of the big tenant's 72,457 rows from a btree on tenant_id (18 ms). A GIN
-- index on (tenant_id, search) answers both conditions at once: 1 ms for that bitmap,
-- the rare-term search p50 17.5 → 5.1 ms, mid-frequency 22.9 → 7.5 ms. btree_gin lets a
-- GIN index hold the uuid; it is a trusted extension (PostgreSQL 13+), and PGlite ships
-- it. listings_search_idx stays for the statements that search without a tenant.
create extension if not exists btree_gin;
create index listings_tenant_search_idx on listings using gin (tenant_id, search)
  where status = 'ACTIVE' and deleted_at is null;
