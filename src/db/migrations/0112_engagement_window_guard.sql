-- Engagement counters, tightened (0111 counted any change of counted_at):
-- * moving a view/share window back (an operator correcting data, a test simulating
--   time) is not a new count;
-- * moving it forward by less than an hour is refused, whatever statement tries it, so
--   "at most once per user, target and hour" holds even for a writer that forgets the
--   upsert's WHERE.

create or replace function mono.count_engagement() returns trigger
language plpgsql as $$
declare
  r engagements;
  delta integer := case when tg_op = 'DELETE' then -1 else 1 end;
begin
  if tg_op = 'DELETE' then r := old; else r := new; end if;
  -- Views and shares are cumulative: forgetting an old window (delete) changes no
  -- counter, nor does touching a like's row or moving a window back.
  if (tg_op = 'DELETE' and r.kind <> 'like') or (tg_op = 'UPDATE' and (r.kind = 'like' or new.counted_at <= old.counted_at)) then
    return null;
  end if;
  -- A window moved forward is a new count, and only allowed once the hour is over,
  -- whatever statement tries it.
  if tg_op = 'UPDATE' and new.counted_at < old.counted_at + interval '1 hour' then
    raise exception '% of % % counted again within the hour', r.kind, r.target, r.target_id
      using errcode = 'check_violation', constraint = 'engagements_count_window';
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
