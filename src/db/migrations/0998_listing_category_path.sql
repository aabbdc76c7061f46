-- Search by category and facets that stay fast in a big tenant (decision 0100).
--
-- A listing's category path: its category and every category above it,
-- as long as none on the way up is deleted — exactly the categories whose search
-- (`?category=`, subcategories included) finds the listing. Kept by the triggers of
-- definitions/114_listing_category_path.sql.
--
-- Why a stored path rather than a recursive subquery per search: with `category_id in
-- (the subtree)` the planner cannot know how many listings a category holds (the subtree
-- is only known while executing), estimated a top category of the big benchmark tenant at
-- 66 listings instead of 10,063, and so fetched and sorted all of them for a page of 20
-- (127 ms at bench scale 1). `category_path @> '{<id>}'` is a constant condition with
-- per-element statistics: the planner walks the newest-first index and stops after the
-- page (0.7 ms), and a rare category still uses the GIN index below. Facet counts by
-- category become an unnest of the path, with no walk up the tree per search.
set local lock_timeout = '10s';

alter table listings add column category_path uuid[] not null default '{}';
-- Before the update below: its deferred audit events would refuse a CREATE INDEX after it.
create index listings_category_path_idx on listings using gin (category_path)
  where status = 'ACTIVE' and deleted_at is null;
-- Facets over many matches count a random sample of them: those with the lowest hash of
-- their id, in this index's order (search-repository.ts, searchFacets).
create index listings_facet_sample_idx on listings (tenant_id, uuid_hash(id))
  where status = 'ACTIVE' and deleted_at is null;

-- Existing listings (one UPDATE: on an installation with many categorised listings, run
-- this migration in a quiet hour; only category_path changes, which neither the audit
-- trail nor updated_at record — see the triggers below).
drop trigger touch_updated_at on listings;
create trigger touch_updated_at before update on listings for each row
  execute function mono.touch_updated_at('application_count', 'location_country', 'latitude', 'longitude', 'search', 'search_config', 'category_path');
drop trigger audit on listings;
create constraint trigger audit after insert or update or delete on listings deferrable initially deferred for each row
  execute function mono.audit_row('', 'application_count,location_country,latitude,longitude,search,search_config,category_path', 'listings');

update listings l set category_path = p.path
  from (with recursive up (tenant_id, start_id, id, parent_id, depth) as (
          select c.tenant_id, c.id, c.id, c.parent_id, 0 from categories c where c.deleted_at is null
          union all
          select u.tenant_id, u.start_id, c.id, c.parent_id, u.depth + 1
            from up u join categories c on c.tenant_id = u.tenant_id and c.id = u.parent_id and c.deleted_at is null)
        select tenant_id, start_id, array_agg(id order by depth) as path from up group by tenant_id, start_id) p
 where l.tenant_id = p.tenant_id and l.category_id = p.start_id;

analyze listings;
