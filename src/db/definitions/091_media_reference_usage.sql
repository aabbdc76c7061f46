-- Media usage follows the references of contents (featured image), content_media and
-- listing_images (0150, 0870). The trigger's argument names its table: TG_TABLE_NAME is a
-- shard's name on a Citus worker.

CREATE OR REPLACE FUNCTION mono.media_reference_usage()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
begin
  if tg_argv[0] = 'contents' then
    perform mono.media_reference_moved(tg_op, old.tenant_id, old.featured_image_id, new.tenant_id, new.featured_image_id);
  else
    perform mono.media_reference_moved(tg_op, old.tenant_id, old.media_id, new.tenant_id, new.media_id);
  end if;
  return null;
end $function$

;
