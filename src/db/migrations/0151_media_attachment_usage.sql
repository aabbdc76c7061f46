-- Attachments count as usage of media files.
--
-- applications.attachments and messages.attachments are arrays of media file ids
-- (without a foreign key). Until now they were not counted in media_files.usage_count,
-- so a person could trash or purge a file still attached to an application or a
-- message. From here on every attachment is a reference like a content_media row
-- (0150): the same mono.media_use() adds or removes one under the file's row lock,
-- stamps last_used_at, and refuses a new reference to a file in the trash; the guard
-- of 0150 then refuses to trash or delete a file in use.
--
-- A row counts each file it attaches once (an id repeated in one array is one
-- reference). Insert, delete (also by cascade from a listing or application), an
-- update of the array and erasure (which empties messages.attachments) adjust the
-- counts by the difference. Files are locked in id order, so two transactions that
-- attach the same files cannot deadlock on them.

set local lock_timeout = '10s';

-- The files a row's attachments gain and lose: +1/-1 per file, in id order.
create or replace function mono.media_attachments_usage() returns trigger
language plpgsql as $$
declare
  ref record;
begin
  if tg_op = 'UPDATE' and old.tenant_id = new.tenant_id and old.attachments = new.attachments then
    return null;
  end if;
  if tg_op = 'UPDATE' and old.tenant_id <> new.tenant_id then
    -- Moved to another tenant (never done by the application): all out, then all in.
    for ref in select distinct f from unnest(old.attachments) f where f is not null order by f loop
      perform mono.media_use(old.tenant_id, ref.f, -1);
    end loop;
    for ref in select distinct f from unnest(new.attachments) f where f is not null order by f loop
      perform mono.media_use(new.tenant_id, ref.f, 1);
    end loop;
    return null;
  end if;
  -- OLD is null on INSERT and NEW on DELETE: their arrays read as null, unnest() as no rows.
  for ref in
    select f, sum(d)::integer as delta
      from (select distinct f, -1 as d from unnest(old.attachments) f
            union all
            select distinct f, 1 from unnest(new.attachments) f) changes
     where f is not null
     group by f
    having sum(d) <> 0
     order by f
  loop
    perform mono.media_use(coalesce(new.tenant_id, old.tenant_id), ref.f, ref.delta);
  end loop;
  return null;
end $$;

create trigger media_usage after insert or delete or update of tenant_id, attachments on applications
  for each row execute function mono.media_attachments_usage();
create trigger media_usage after insert or delete or update of tenant_id, attachments on messages
  for each row execute function mono.media_attachments_usage();

-- Who may read an attached file is decided by looking up the applications and messages
-- that attach it (see the media service): these indexes answer "which rows attach file X".
create index applications_attachments_idx on applications using gin (attachments);
create index messages_attachments_idx on messages using gin (attachments);

-- Existing attachments: add them to the counts the 0150 triggers keep for content. The
-- triggers above exist already and their statements hold the tables' locks until
-- commit, so no attachment written meanwhile is missed or counted twice. Run as the
-- platform role so forced row-level security shows every tenant's rows.
set local role mono_platform;
with refs as (
  select tenant_id, f as media_id from applications, lateral (select distinct f from unnest(attachments) f where f is not null) x
  union all
  select tenant_id, f from messages, lateral (select distinct f from unnest(attachments) f where f is not null) x
), counted as (
  select tenant_id, media_id, count(*)::integer as n from refs group by tenant_id, media_id
)
update media_files m
   set usage_count = m.usage_count + counted.n
  from counted
 where m.tenant_id = counted.tenant_id and m.id = counted.media_id;
reset role;
