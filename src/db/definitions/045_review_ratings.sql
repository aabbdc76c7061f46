-- Rating summaries follow the reviews: a review counts while it is revealed and not
-- hidden. Every insert, update and delete of a review removes what its old image
-- counted and adds what its new image counts, in the summaries of its reviewee (user
-- or account) and, for a review of the listing's side (written by the applicant, or by
-- the client of a booking made through the listing), of the listing. Additive upserts (count + 1, sum + stars): no read of the old total, so
-- concurrent reviews of one person hold its summary row only for one short statement.
-- Adding goes through an upsert (the first review creates the row); taking away is a
-- plain update of the row the counted review created (the upsert's proposed row would
-- break the non-negative checks before the conflict is seen).
create or replace function mono.review_rating_add(p_tenant uuid, p_kind text, p_subject uuid, p_count int, p_stars int) returns void
language plpgsql as $$
declare
  -- A variable, not now() in the upsert: Citus refuses a clock in ON CONFLICT DO UPDATE.
  stamp timestamptz := now();
begin
  if p_count < 0 then
    update rating_summaries set review_count = review_count + p_count, star_sum = star_sum + p_stars, updated_at = stamp
     where tenant_id = p_tenant and subject_kind = p_kind and subject_id = p_subject;
  else
    insert into rating_summaries as s (tenant_id, subject_kind, subject_id, review_count, star_sum)
    values (p_tenant, p_kind, p_subject, p_count, p_stars)
    on conflict (tenant_id, subject_kind, subject_id)
    do update set review_count = s.review_count + excluded.review_count, star_sum = s.star_sum + excluded.star_sum, updated_at = stamp;
  end if;
end $$;

create or replace function mono.review_ratings() returns trigger
language plpgsql as $$
declare
  was boolean := tg_op <> 'INSERT' and old.revealed_at is not null and old.hidden_at is null;
  is_now boolean := tg_op <> 'DELETE' and new.revealed_at is not null and new.hidden_at is null;
  r reviews;
  sign int;
begin
  if was = is_now and (not was or (old.stars = new.stars and old.subject_user_id is not distinct from new.subject_user_id
                                   and old.subject_account_id is not distinct from new.subject_account_id
                                   and old.listing_id is not distinct from new.listing_id)) then
    return null;
  end if;
  for i in 1..2 loop
    if i = 1 and was then r := old; sign := -1;
    elsif i = 2 and is_now then r := new; sign := 1;
    else continue;
    end if;
    if r.subject_user_id is not null then
      perform mono.review_rating_add(r.tenant_id, 'USER', r.subject_user_id, sign, sign * r.stars);
    end if;
    if r.subject_account_id is not null then
      perform mono.review_rating_add(r.tenant_id, 'ACCOUNT', r.subject_account_id, sign, sign * r.stars);
    end if;
    if r.listing_id is not null and r.author_side in ('APPLICANT', 'CLIENT') then
      perform mono.review_rating_add(r.tenant_id, 'LISTING', r.listing_id, sign, sign * r.stars);
    end if;
  end loop;
  return null;
end $$;

create or replace trigger review_ratings after insert or update or delete on reviews
  for each row execute function mono.review_ratings();
