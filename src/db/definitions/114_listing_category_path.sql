-- listings.category_path (migration 0998, decision 0100): the listing's category and the
-- categories above it, up to the first deleted one (a deleted category hides its subtree
-- from a search by any category above it, as the search by subtree always did).

-- The path of a category: itself first, then each parent, while none is deleted; empty
-- when the category is deleted or null. The tree has no cycles (categories_no_cycle).
create or replace function mono.category_path(p_tenant uuid, p_category uuid) returns uuid[]
language plpgsql stable as $$
declare
  path uuid[];
begin
  -- PL/pgSQL, not LANGUAGE sql: Citus cannot plan a parameterised SQL function that reads
  -- a distributed table (test/architecture/citus-rules.test.ts).
  with recursive up (id, parent_id, depth) as (
    select c.id, c.parent_id, 0 from categories c
     where c.tenant_id = p_tenant and c.id = p_category and c.deleted_at is null
    union all
    select c.id, c.parent_id, u.depth + 1
      from up u join categories c on c.tenant_id = p_tenant and c.id = u.parent_id and c.deleted_at is null)
  select coalesce(array_agg(id order by depth), '{}') into path from up;
  return path;
end $$;

-- A listing's path follows its category_id, whoever writes it.
create or replace function mono.listing_category_path() returns trigger
language plpgsql as $$
begin
  new.category_path := mono.category_path(new.tenant_id, new.category_id);
  return new;
end $$;

create or replace trigger listing_category_path before insert or update of category_id on listings
  for each row execute function mono.listing_category_path();

-- A category moved, deleted or restored changes the path of every listing in its subtree
-- (deleted subcategories included: a restore must bring their listings back).
-- Category by category of the subtree: Citus plans a recursive CTE only with the tenant
-- filter on every scan of the table (refused as a sub-query of the update: "recursive CTEs
-- are only supported when they contain a filter on the distribution column"), and refuses
-- a STABLE function of a column in an UPDATE ("STABLE functions used in UPDATE queries
-- cannot be called with column references"), both seen on the cluster. Each category's
-- path is computed once, and its listings take it as a value.
create or replace function mono.category_paths_follow() returns trigger
language plpgsql as $$
declare
  category uuid;
  path uuid[];
begin
  for category in
    with recursive below (id) as (
      select c.id from categories c where c.tenant_id = new.tenant_id and c.id = new.id
      union all
      select c.id from below b join categories c on c.tenant_id = new.tenant_id and c.parent_id = b.id)
    select id from below
  loop
    path := mono.category_path(new.tenant_id, category);
    update listings l set category_path = path where l.tenant_id = new.tenant_id and l.category_id = category;
  end loop;
  return null;
end $$;

create or replace trigger category_paths_follow after update of parent_id, deleted_at on categories
  for each row when (old.parent_id is distinct from new.parent_id or old.deleted_at is distinct from new.deleted_at)
  execute function mono.category_paths_follow();
