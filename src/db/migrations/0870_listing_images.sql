-- Listing image galleries: the ordered images a listing shows, chosen from its account's
-- media library (position 0 is the cover). A gallery row is a use of the file like a
-- content_media row (0150): mono.media_reference_usage counts it in usage_count under
-- the file's row lock, refuses a file in the trash, and the media guard then refuses to
-- trash or delete a file a gallery shows (409 MEDIA_IN_USE) — so a gallery never points
-- at a missing file. That the file is a ready image of the listing's own account is
-- checked by the trigger of definitions/087_listing_images.sql; deleting a listing
-- (soft) empties its gallery there too, which frees the files.
create table listing_images (
  tenant_id uuid not null,
  id uuid not null default mono.uuid_v7(),
  listing_id uuid not null,
  media_id uuid not null,
  position integer not null check (position between 0 and 19),
  created_at timestamptz not null default now(),
  primary key (tenant_id, id),
  constraint listing_images_media_key unique (tenant_id, listing_id, media_id),
  constraint listing_images_position_key unique (tenant_id, listing_id, position),
  foreign key (tenant_id, listing_id) references listings (tenant_id, id) on delete cascade,
  foreign key (tenant_id, media_id) references media_files (tenant_id, id)
);
create index listing_images_media_idx on listing_images (tenant_id, media_id);
select mono.enable_tenant_rls('listing_images');
select mono.enable_audit('listing_images');
create trigger media_usage after insert or delete or update of tenant_id, media_id on listing_images
  for each row execute function mono.media_reference_usage();
