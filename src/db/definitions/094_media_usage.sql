-- Media storage usage and file usage counts (0150), the clock taken into a variable:
-- Citus refuses now() in an upsert's DO UPDATE and in a CASE of an UPDATE.

CREATE OR REPLACE FUNCTION mono.media_usage_add(p_tenant uuid, p_account uuid, p_user uuid, p_bytes bigint, p_files integer)
 RETURNS void
 LANGUAGE plpgsql
AS $function$
declare
  stamp timestamptz := now();
  total bigint;
  quota bigint;
begin
  if p_bytes <= 0 and p_files <= 0 then
    update media_storage_usage set bytes = bytes + p_bytes, files = files + p_files, updated_at = stamp
     where tenant_id = p_tenant
       and (case when p_account is null then user_id = p_user else account_id = p_account end);
    return;
  end if;
  if p_account is not null then
    insert into media_storage_usage as u (tenant_id, account_id, bytes, files) values (p_tenant, p_account, p_bytes, p_files)
    on conflict (tenant_id, account_id) where account_id is not null
    do update set bytes = u.bytes + excluded.bytes, files = u.files + excluded.files, updated_at = stamp
    returning u.bytes into total;
  else
    insert into media_storage_usage as u (tenant_id, user_id, bytes, files) values (p_tenant, p_user, p_bytes, p_files)
    on conflict (tenant_id, user_id) where user_id is not null
    do update set bytes = u.bytes + excluded.bytes, files = u.files + excluded.files, updated_at = stamp
    returning u.bytes into total;
  end if;
  quota := mono.media_storage_limit(p_tenant, p_account);
  if p_bytes > 0 and quota is not null and total > quota then
    raise exception 'storage quota exceeded: % of % bytes', total, quota
      using errcode = 'check_violation', constraint = 'media_storage_quota',
            detail = json_build_object('usedBytes', total - p_bytes, 'limitBytes', quota)::text;
  end if;
end $function$

;

CREATE OR REPLACE FUNCTION mono.media_use(p_tenant uuid, p_media uuid, p_delta integer)
 RETURNS void
 LANGUAGE plpgsql
AS $function$
declare
  stamp timestamptz := now();
  trashed timestamptz;
begin
  if p_media is null then
    return;
  end if;
  update media_files
     set usage_count = usage_count + p_delta,
         last_used_at = case when p_delta > 0 then stamp else last_used_at end
   where tenant_id = p_tenant and id = p_media
  returning deleted_at into trashed;
  if p_delta > 0 and trashed is not null then
    raise exception 'media file % is in the trash', p_media
      using errcode = 'check_violation', constraint = 'media_files_in_trash';
  end if;
end $function$

;
