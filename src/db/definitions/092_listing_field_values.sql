-- listing_field_values (0920): the public number and date values of a listing's
-- custom_fields, one row each, so that a range filter is a btree range. Rewritten with
-- the listing's custom_fields, whatever writes them. A date is a "YYYY-MM-DD" string
-- (the API checks it is a real date before it gets here).
create or replace function mono.listing_field_values() returns trigger
language plpgsql as $$
begin
  if tg_op = 'UPDATE' then
    if new.custom_fields = old.custom_fields then
      return null;
    end if;
    delete from listing_field_values where tenant_id = new.tenant_id and listing_id = new.id;
  end if;
  insert into listing_field_values (tenant_id, listing_id, key, num, day)
  select new.tenant_id, new.id, f.key,
         case when jsonb_typeof(f.value) = 'number' then (f.value #>> '{}')::numeric end,
         case when jsonb_typeof(f.value) = 'string' then (f.value #>> '{}')::date end
    from jsonb_each(new.custom_fields) f
   where jsonb_typeof(f.value) = 'number'
      or (jsonb_typeof(f.value) = 'string' and f.value #>> '{}' ~ '^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$');
  return null;
end $$;

create or replace trigger listing_field_values after insert or update of custom_fields on listings
  for each row execute function mono.listing_field_values();
