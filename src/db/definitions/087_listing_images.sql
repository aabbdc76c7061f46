-- A listing's gallery shows ready images of the listing's own account: a live file
-- (not in the trash) whose bytes are stored, with an image type. Checked on every
-- insert and change of a gallery row, whatever writes it — after the row-level security
-- check (an AFTER trigger), so a row of another tenant is refused as such first.
create or replace function mono.listing_images_check() returns trigger
language plpgsql as $$
begin
  if not exists (
    select 1
      from listings l
      join media_files f on f.tenant_id = l.tenant_id and f.id = new.media_id
     where l.tenant_id = new.tenant_id and l.id = new.listing_id
       and f.account_id = l.account_id and f.mimetype like 'image/%'
       and f.deleted_at is null and f.content_hash is not null
  ) then
    raise exception 'media file % is not a ready image of the listing''s account', new.media_id
      using errcode = 'check_violation', constraint = 'listing_images_media';
  end if;
  return null;
end $$;

create or replace trigger media_check after insert or update of tenant_id, listing_id, media_id on listing_images
  for each row execute function mono.listing_images_check();

-- A deleted listing shows nothing: its gallery goes with the deletion, freeing the files.
create or replace function mono.listing_images_on_delete() returns trigger
language plpgsql as $$
begin
  delete from listing_images where tenant_id = new.tenant_id and listing_id = new.id;
  return null;
end $$;

create or replace trigger listing_images_gone after update of deleted_at on listings
  for each row when (new.deleted_at is not null and old.deleted_at is null)
  execute function mono.listing_images_on_delete();
