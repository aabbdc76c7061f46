-- Media files: de-duplication, storage quota per owner, usage counting, trash rules.
--
-- The owner of a file is its account when it has one, else its uploader ("personal").
-- Everything below is enforced here, in the database, so every path that writes
-- media_files, content_media or contents keeps the numbers right — also under
-- concurrency, where "read, check, write" in the application would race.

-- ---------------------------------------------------------------------------------
-- De-duplication: one live file per owner and content hash. A duplicate upload by the
-- same owner returns the existing file; other owners get their own row that shares
-- the stored bytes (objects are content-addressed per tenant).
-- ---------------------------------------------------------------------------------
create unique index media_files_account_hash_key on media_files (tenant_id, account_id, content_hash)
  where account_id is not null and deleted_at is null and content_hash is not null;
create unique index media_files_personal_hash_key on media_files (tenant_id, uploader_id, content_hash)
  where account_id is null and deleted_at is null and content_hash is not null;
create index media_files_tags_idx on media_files using gin (tags);

-- ---------------------------------------------------------------------------------
-- Storage used per owner, maintained by a trigger on media_files. The quota check
-- happens in the same statement that adds the bytes: the upsert locks the owner's
-- usage row, so of two parallel uploads the second waits, sees the first one's bytes
-- and is refused if the sum would exceed the limit. Files in the trash still occupy
-- storage and count until they are purged.
-- ---------------------------------------------------------------------------------
create table media_storage_usage (
  tenant_id uuid not null references tenants (id),
  id uuid not null default mono.uuid_v7(),
  account_id uuid,
  user_id uuid,
  bytes bigint not null default 0 check (bytes >= 0),
  files integer not null default 0 check (files >= 0),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, account_id) references accounts (tenant_id, id) on delete cascade,
  foreign key (tenant_id, user_id) references users (tenant_id, id) on delete cascade,
  constraint media_storage_usage_one_owner check ((account_id is null) <> (user_id is null))
);
create unique index media_storage_usage_account_key on media_storage_usage (tenant_id, account_id) where account_id is not null;
create unique index media_storage_usage_user_key on media_storage_usage (tenant_id, user_id) where user_id is not null;
select mono.enable_tenant_rls('media_storage_usage');

-- A JSON number as bigint; anything else (absent, null, text) is no limit.
create or replace function mono.jsonb_bigint(value jsonb) returns bigint
language sql immutable parallel safe as $$
  select case when jsonb_typeof(value) = 'number' then floor((value #>> '{}')::numeric)::bigint end
$$;

-- The storage limit of an owner in bytes, or null for none.
--   account:  limits.storageBytes of the account's effective limits — its live
--             subscription's plan limits overridden key by key by accounts.limits, the
--             same rule as effectiveLimits() in the accounts module;
--   personal: tenants.settings.media.userStorageBytes.
create or replace function mono.media_storage_limit(p_tenant uuid, p_account uuid) returns bigint
language sql stable as $$
  select case
    when p_account is null then
      (select mono.jsonb_bigint(t.settings -> 'media' -> 'userStorageBytes') from tenants t where t.id = p_tenant)
    else
      (select mono.jsonb_bigint((coalesce(p.limits, '{}'::jsonb) || a.limits) -> 'storageBytes')
         from accounts a
         left join account_subscriptions s
                on s.tenant_id = a.tenant_id and s.account_id = a.id and s.status in ('TRIALING', 'ACTIVE', 'PAST_DUE')
         left join plans p on p.code = s.plan
        where a.tenant_id = p_tenant and a.id = p_account)
  end
$$;

-- Adds (or, negative, removes) bytes and files to an owner's usage; growth is checked
-- against the limit while the usage row is locked.
create or replace function mono.media_usage_add(p_tenant uuid, p_account uuid, p_user uuid, p_bytes bigint, p_files integer)
returns void language plpgsql as $$
declare
  total bigint;
  quota bigint;
begin
  if p_bytes <= 0 and p_files <= 0 then
    update media_storage_usage set bytes = bytes + p_bytes, files = files + p_files, updated_at = now()
     where tenant_id = p_tenant
       and (case when p_account is null then user_id = p_user else account_id = p_account end);
    return;
  end if;
  if p_account is not null then
    insert into media_storage_usage as u (tenant_id, account_id, bytes, files) values (p_tenant, p_account, p_bytes, p_files)
    on conflict (tenant_id, account_id) where account_id is not null
    do update set bytes = u.bytes + excluded.bytes, files = u.files + excluded.files, updated_at = now()
    returning u.bytes into total;
  else
    insert into media_storage_usage as u (tenant_id, user_id, bytes, files) values (p_tenant, p_user, p_bytes, p_files)
    on conflict (tenant_id, user_id) where user_id is not null
    do update set bytes = u.bytes + excluded.bytes, files = u.files + excluded.files, updated_at = now()
    returning u.bytes into total;
  end if;
  quota := mono.media_storage_limit(p_tenant, p_account);
  if p_bytes > 0 and quota is not null and total > quota then
    raise exception 'storage quota exceeded: % of % bytes', total, quota
      using errcode = 'check_violation', constraint = 'media_storage_quota',
            detail = json_build_object('usedBytes', total - p_bytes, 'limitBytes', quota)::text;
  end if;
end $$;

create or replace function mono.media_files_storage_usage() returns trigger
language plpgsql as $$
begin
  if tg_op = 'UPDATE'
     and old.tenant_id = new.tenant_id and old.size = new.size
     and old.account_id is not distinct from new.account_id
     and (new.account_id is not null or old.uploader_id = new.uploader_id) then
    return null;
  end if;
  if tg_op in ('UPDATE', 'DELETE') then
    perform mono.media_usage_add(old.tenant_id, old.account_id, case when old.account_id is null then old.uploader_id end, -old.size, -1);
  end if;
  if tg_op in ('INSERT', 'UPDATE') then
    perform mono.media_usage_add(new.tenant_id, new.account_id, case when new.account_id is null then new.uploader_id end, new.size, 1);
  end if;
  return null;
end $$;
create trigger storage_usage after insert or delete or update of tenant_id, size, account_id, uploader_id on media_files
  for each row execute function mono.media_files_storage_usage();

-- ---------------------------------------------------------------------------------
-- usage_count / last_used_at: how many references content holds to a file (rows of
-- content_media plus contents.featured_image_id), counted by row triggers with an
-- atomic increment under the file's row lock. References from content in the trash
-- count too: the reference still exists and the foreign key still holds.
-- A new reference to a file in the trash is refused.
-- ---------------------------------------------------------------------------------
create or replace function mono.media_use(p_tenant uuid, p_media uuid, p_delta integer) returns void
language plpgsql as $$
declare
  trashed timestamptz;
begin
  if p_media is null then
    return;
  end if;
  update media_files
     set usage_count = usage_count + p_delta,
         last_used_at = case when p_delta > 0 then now() else last_used_at end
   where tenant_id = p_tenant and id = p_media
  returning deleted_at into trashed;
  if p_delta > 0 and trashed is not null then
    raise exception 'media file % is in the trash', p_media
      using errcode = 'check_violation', constraint = 'media_files_in_trash';
  end if;
end $$;

-- One reference moved from (old_tenant, old_media) to (new_tenant, new_media); either may be null.
create or replace function mono.media_reference_moved(op text, old_tenant uuid, old_media uuid, new_tenant uuid, new_media uuid)
returns void language plpgsql as $$
begin
  if op = 'UPDATE' and old_tenant = new_tenant and old_media is not distinct from new_media then
    return;
  end if;
  if op in ('UPDATE', 'DELETE') then
    perform mono.media_use(old_tenant, old_media, -1);
  end if;
  if op in ('INSERT', 'UPDATE') then
    perform mono.media_use(new_tenant, new_media, 1);
  end if;
end $$;

-- The reference column of each table. (OLD is null on INSERT and NEW on DELETE, so
-- their fields read as null; a branch runs only for its own table.)
create or replace function mono.media_reference_usage() returns trigger
language plpgsql as $$
begin
  if tg_table_name = 'contents' then
    perform mono.media_reference_moved(tg_op, old.tenant_id, old.featured_image_id, new.tenant_id, new.featured_image_id);
  else
    perform mono.media_reference_moved(tg_op, old.tenant_id, old.media_id, new.tenant_id, new.media_id);
  end if;
  return null;
end $$;
create trigger media_usage after insert or delete or update of tenant_id, media_id on content_media
  for each row execute function mono.media_reference_usage();
create trigger media_usage after insert or delete or update of tenant_id, featured_image_id on contents
  for each row execute function mono.media_reference_usage();

-- ---------------------------------------------------------------------------------
-- A file in use can be neither trashed nor deleted; its bytes never change (the
-- content hash is its ETag and names its stored object).
-- ---------------------------------------------------------------------------------
create or replace function mono.media_files_guard() returns trigger
language plpgsql as $$
begin
  if tg_op = 'DELETE' then
    if old.usage_count > 0 then
      raise exception 'media file % is in use', old.id using errcode = 'check_violation', constraint = 'media_files_in_use';
    end if;
    return old;
  end if;
  if new.deleted_at is not null and old.deleted_at is null and new.usage_count > 0 then
    raise exception 'media file % is in use', new.id using errcode = 'check_violation', constraint = 'media_files_in_use';
  end if;
  if new.content_hash is distinct from old.content_hash or new.storage_key is distinct from old.storage_key
     or new.size <> old.size or new.mimetype <> old.mimetype then
    raise exception 'the bytes of media file % cannot change', new.id
      using errcode = 'check_violation', constraint = 'media_files_immutable';
  end if;
  return new;
end $$;
create trigger guard before update or delete on media_files
  for each row execute function mono.media_files_guard();

-- ---------------------------------------------------------------------------------
-- Existing rows: counts and usage as the triggers would have kept them. Run as the
-- platform role so forced row-level security shows every tenant's rows.
-- ---------------------------------------------------------------------------------
set local role mono_platform;
update media_files m
   set usage_count = (select count(*) from content_media cm where cm.tenant_id = m.tenant_id and cm.media_id = m.id)
                   + (select count(*) from contents c where c.tenant_id = m.tenant_id and c.featured_image_id = m.id);
insert into media_storage_usage (tenant_id, account_id, user_id, bytes, files)
select tenant_id, account_id, case when account_id is null then uploader_id end, sum(size), count(*)
  from media_files
 group by tenant_id, account_id, case when account_id is null then uploader_id end;
reset role;
