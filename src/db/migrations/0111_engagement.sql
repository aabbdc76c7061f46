-- Engagement: likes, views and shares, de-duplicated by the database.
--
-- `activities` is partitioned by created_at, so no unique index there can say "one like
-- per user and target". `engagements` holds the current state instead: one row per
-- (user, target, kind) —
--   like   the row exists while the like stands (insert … on conflict do nothing;
--          unlike deletes it), so a user liking twice at the same moment counts once;
--   view,  counted_at is the last time the user's view/share was counted; a new one is
--   share  counted only by an upsert whose WHERE finds counted_at an hour old or more.
--          The row lock of the upsert serialises concurrent attempts, and the loser's
--          re-check sees the winner's counted_at.
-- The trigger below keeps contents.likes/views/shares in step with exactly those row
-- events, so the counters cannot drift from the rules. Activity rows are written by the
-- service only when an event counted (same transaction).

create table engagements (
  tenant_id uuid not null references tenants (id),
  id uuid not null default mono.uuid_v7(),
  user_id uuid not null,
  kind text not null check (kind in ('like', 'view', 'share')),
  target text not null check (target in ('contents')),
  target_id uuid not null,
  counted_at timestamptz not null default now(),
  created_at timestamptz not null default now(),
  primary key (tenant_id, id),
  constraint engagements_key unique (tenant_id, user_id, target, target_id, kind),
  foreign key (tenant_id, user_id) references users (tenant_id, id)
);
create index engagements_target_idx on engagements (tenant_id, target, target_id, kind);
create index engagements_window_idx on engagements (counted_at) where kind <> 'like';
-- Rows are inserted and deleted; the only column that may change is counted_at.
select mono.enable_tenant_rls('engagements', 'select, insert, delete');
grant update (counted_at) on engagements to mono_app, mono_platform;

create or replace function mono.count_engagement() returns trigger
language plpgsql as $$
declare
  r engagements;
  delta integer := case when tg_op = 'DELETE' then -1 else 1 end;
begin
  if tg_op = 'DELETE' then r := old; else r := new; end if;
  -- Views and shares are cumulative: forgetting an old window (delete) or a like's
  -- row being touched changes no counter.
  if (tg_op = 'DELETE' and r.kind <> 'like')
     or (tg_op = 'UPDATE' and (r.kind = 'like' or new.counted_at is not distinct from old.counted_at)) then
    return null;
  end if;
  if r.target = 'contents' then
    update contents
       set likes = likes + case when r.kind = 'like' then delta else 0 end,
           views = views + case when r.kind = 'view' then delta else 0 end,
           shares = shares + case when r.kind = 'share' then delta else 0 end
     where tenant_id = r.tenant_id and id = r.target_id;
    if not found and tg_op <> 'DELETE' then
      raise exception 'engagement target % % does not exist', r.target, r.target_id
        using errcode = 'foreign_key_violation', constraint = 'engagements_target_exists';
    end if;
  end if;
  return null;
end $$;
create trigger count_engagement after insert or update of counted_at or delete on engagements
  for each row execute function mono.count_engagement();
