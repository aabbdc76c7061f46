-- listings.published_at (0871): when the listing last became ACTIVE — published or
-- resumed — so the saved-search job finds what is new since its last look. A row
-- inserted as ACTIVE may bring its own past publication time (an import, the benchmark
-- data), never a future one.
create or replace function mono.listing_published_at() returns trigger
language plpgsql as $$
begin
  if new.status = 'ACTIVE' and tg_op = 'INSERT' then
    new.published_at := least(new.published_at, now());
  elsif new.status = 'ACTIVE' and old.status <> 'ACTIVE' then
    new.published_at := now();
  end if;
  return new;
end $$;

create or replace trigger published_at before insert or update of status on listings
  for each row execute function mono.listing_published_at();
