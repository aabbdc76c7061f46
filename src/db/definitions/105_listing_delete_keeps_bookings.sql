-- A listing deleted for good leaves its bookings, no longer attached to it (migration 0971:
-- what ON DELETE SET NULL (listing_id) did, in a form Citus accepts). The bookings'
-- own triggers (audit, touch) run as they did for the key's action.
create or replace function mono.detach_bookings_of_listing() returns trigger
language plpgsql as $$
begin
  update bookings set listing_id = null where tenant_id = old.tenant_id and listing_id = old.id;
  return old;
end $$;

create or replace trigger detach_bookings before delete on listings
  for each row execute function mono.detach_bookings_of_listing();
