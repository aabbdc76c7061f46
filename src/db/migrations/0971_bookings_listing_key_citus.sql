-- A booking outlives a deleted listing (0460), without ON DELETE SET NULL (issue 19).
--
-- Citus refuses a foreign key that sets columns to NULL when the distribution column
-- (tenant_id) is in the key, even with SET NULL (listing_id). The key stays, as a plain
-- NO ACTION key checked at the end of the statement, and the BEFORE DELETE trigger on
-- listings of definition 105 clears the bookings' listing_id first: the same outcome, in
-- the same statement, on one shard (bookings and listings are colocated by tenant_id).
alter table bookings drop constraint bookings_listing_fkey;
alter table bookings
  add constraint bookings_listing_fkey foreign key (tenant_id, listing_id) references listings (tenant_id, id);
