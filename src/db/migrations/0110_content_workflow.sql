-- Content workflow and the category tree's rules.
--
-- Workflow: the state machine itself lives in src/modules/content/policy.ts; the
-- database keeps what must hold whatever code writes: a published (or archived) piece
-- has a publication time, and the last review is attributable.
--
-- Scheduling needs no extra state: PUBLISHED with published_at in the future is
-- "scheduled", and every public query asks published_at <= now() and
-- (expires_at is null or expires_at > now()), so content appears and disappears on
-- time without waiting for a job.

-- reviewed_by has no foreign key on purpose, like audit_logs.user_id: a platform
-- operator reviewing in a tenant is a user of the platform tenant.
alter table contents
  add column review_note text check (length(review_note) <= 2000),
  add column reviewed_by uuid,
  add column reviewed_at timestamptz,
  add constraint contents_published_has_date check (status not in ('PUBLISHED', 'ARCHIVED') or published_at is not null);

-- Keyset orders of the public listing (newest first) and of an account's own list.
create index contents_public_order_idx on contents (tenant_id, published_at desc, id desc)
  where status = 'PUBLISHED' and deleted_at is null;
create index contents_account_order_idx on contents (tenant_id, account_id, created_at desc, id desc)
  where deleted_at is null;
-- What the expiry job (archiveExpiredContent) looks for, across tenants.
create index contents_expiring_idx on contents (expires_at)
  where status = 'PUBLISHED' and expires_at is not null and deleted_at is null;

-- ---------------------------------------------------------------------------------
-- Category tree.
--
-- 1. No cycles, also under concurrency. The 0004 trigger walks the ancestors, but two
--    concurrent moves (A under B, B under A) would each see the other's old parent and
--    both pass. Moves within a tenant now take a transaction-level advisory lock first;
--    in READ COMMITTED the ancestor walk that follows runs on a fresh snapshot and so
--    sees every move committed before the lock was granted.
-- 2. A live category hangs under a live parent. The parent row is locked FOR SHARE,
--    which conflicts with the UPDATE that soft-deletes it: a parent cannot be deleted
--    while a child is being attached, and a child cannot be attached to a parent that
--    is being deleted (the locking read re-checks deleted_at once the delete commits).
-- 3. A category with live children cannot be deleted (move or delete them first).
-- 4. Deleting a category removes its content links; content can only be linked to a
--    live category (same FOR SHARE lock as 2).
-- 2-4 run as AFTER triggers, like constraints: row-level security has already refused
-- a row of another tenant before they look anything up.
-- ---------------------------------------------------------------------------------

create or replace function mono.categories_no_cycle() returns trigger
language plpgsql as $$
begin
  if new.parent_id is null or (tg_op = 'UPDATE' and new.parent_id is not distinct from old.parent_id) then
    return new;
  end if;
  if tg_op = 'UPDATE' then
    perform pg_advisory_xact_lock(hashtext('mono.categories_tree'), hashtext(new.tenant_id::text));
  end if;
  if exists (
    with recursive ancestors(id, parent_id, depth) as (
      select c.id, c.parent_id, 1 from categories c where c.tenant_id = new.tenant_id and c.id = new.parent_id
      union all
      select c.id, c.parent_id, a.depth + 1 from categories c
        join ancestors a on c.tenant_id = new.tenant_id and c.id = a.parent_id
       where a.depth < 100)
    select 1 from ancestors where id = new.id) then
    raise exception 'category % would become its own ancestor', new.id
      using errcode = 'check_violation', constraint = 'categories_no_cycle';
  end if;
  return new;
end $$;

-- Locks a live category FOR SHARE (so it cannot be deleted before this transaction
-- ends) or raises a foreign-key violation named `rule`.
create or replace function mono.lock_live_category(tenant uuid, category uuid, rule text) returns void
language plpgsql as $$
begin
  perform 1 from categories c where c.tenant_id = tenant and c.id = category and c.deleted_at is null for share;
  if not found then
    raise exception 'category % does not exist or was deleted', category
      using errcode = 'foreign_key_violation', constraint = rule;
  end if;
end $$;

create or replace function mono.categories_tree_rules() returns trigger
language plpgsql as $$
begin
  if new.deleted_at is null and new.parent_id is not null
     and (tg_op = 'INSERT' or new.parent_id is distinct from old.parent_id or old.deleted_at is not null) then
    perform mono.lock_live_category(new.tenant_id, new.parent_id, 'categories_parent_live');
  end if;
  if tg_op = 'UPDATE' and old.deleted_at is null and new.deleted_at is not null
     and exists (select 1 from categories c
                  where c.tenant_id = new.tenant_id and c.parent_id = new.id and c.deleted_at is null) then
    raise exception 'category % still has subcategories', new.id
      using errcode = 'check_violation', constraint = 'categories_no_live_children';
  end if;
  return null;
end $$;
create trigger categories_tree_rules after insert or update of parent_id, deleted_at on categories
  for each row execute function mono.categories_tree_rules();

create or replace function mono.categories_unlink_deleted() returns trigger
language plpgsql as $$
begin
  delete from content_categories where tenant_id = new.tenant_id and category_id = new.id;
  return null;
end $$;
create trigger categories_unlink_deleted after update of deleted_at on categories
  for each row when (old.deleted_at is null and new.deleted_at is not null)
  execute function mono.categories_unlink_deleted();

create or replace function mono.content_categories_live_category() returns trigger
language plpgsql as $$
begin
  perform mono.lock_live_category(new.tenant_id, new.category_id, 'content_categories_category_live');
  return null;
end $$;
create trigger content_categories_live_category after insert or update of category_id on content_categories
  for each row execute function mono.content_categories_live_category();
