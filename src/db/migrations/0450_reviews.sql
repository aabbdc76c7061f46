-- Reviews and ratings (issue 16 item 5) and public profile fields (item 3).
--
-- A review is one side's word on the other after a piece of work: a COMPLETED booking
-- (the client and the provider, i.e. the booked resource) or an ACCEPTED application
-- whose listing's end date has passed (the applicant and the listing's account). Each
-- side writes once (the unique keys), within a window that closes 14 days after the
-- work ended (window_closes_at, computed from the subject's end time, and checked by
-- reviews_window against the insert's own time). A review stays unrevealed until both sides have
-- written or the window closed (revealed_at, set in the second writer's transaction or
-- by the reviews.reveal job), so neither answers the other.
create table reviews (
  tenant_id uuid not null references tenants (id),
  id uuid not null default mono.uuid_v7(),
  booking_id uuid,
  application_id uuid,
  -- The application's listing: its rating counts the reviews written about the
  -- listing's side (author_side APPLICANT).
  listing_id uuid,
  author_side text not null,
  author_id uuid not null,
  -- Set when the author wrote for the listing's account (author_side ACCOUNT).
  author_account_id uuid,
  subject_user_id uuid,
  subject_account_id uuid,
  stars smallint not null,
  body text not null,
  window_closes_at timestamptz not null,
  revealed_at timestamptz,
  reply text,
  replied_at timestamptz,
  replied_by uuid,
  hidden_at timestamptz,
  hidden_by uuid,
  hidden_reason text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, booking_id) references bookings (tenant_id, id) on delete cascade,
  foreign key (tenant_id, application_id) references applications (tenant_id, id) on delete cascade,
  foreign key (tenant_id, listing_id) references listings (tenant_id, id),
  foreign key (tenant_id, author_id) references users (tenant_id, id),
  foreign key (tenant_id, author_account_id) references accounts (tenant_id, id),
  foreign key (tenant_id, subject_user_id) references users (tenant_id, id),
  foreign key (tenant_id, subject_account_id) references accounts (tenant_id, id),
  foreign key (tenant_id, replied_by) references users (tenant_id, id),
  foreign key (tenant_id, hidden_by) references users (tenant_id, id),
  constraint reviews_one_subject check ((booking_id is null) <> (application_id is null)),
  constraint reviews_side check (
    case when booking_id is not null then author_side in ('CLIENT', 'PROVIDER') and author_account_id is null
         else author_side in ('APPLICANT', 'ACCOUNT') and (author_side = 'ACCOUNT') = (author_account_id is not null) end),
  constraint reviews_reviewee check ((subject_user_id is null) <> (subject_account_id is null)),
  constraint reviews_stars check (stars between 1 and 5),
  constraint reviews_body check (length(btrim(body)) between 1 and 5000),
  constraint reviews_window check (created_at < window_closes_at),
  constraint reviews_reply check ((reply is null) = (replied_at is null) and (reply is null) = (replied_by is null)
                                  and (reply is null or length(btrim(reply)) between 1 and 5000)),
  constraint reviews_hidden check ((hidden_at is null) = (hidden_by is null) and (hidden_reason is null or length(hidden_reason) <= 1000)),
  constraint reviews_booking_side_key unique (tenant_id, booking_id, author_side),
  constraint reviews_application_side_key unique (tenant_id, application_id, author_side)
);
create index reviews_subject_user_idx on reviews (tenant_id, subject_user_id, id) where subject_user_id is not null;
create index reviews_subject_account_idx on reviews (tenant_id, subject_account_id, id) where subject_account_id is not null;
create index reviews_listing_idx on reviews (tenant_id, listing_id, id) where listing_id is not null;
create index reviews_author_idx on reviews (tenant_id, author_id);
create index reviews_author_account_idx on reviews (tenant_id, author_account_id) where author_account_id is not null;
create index reviews_replied_by_idx on reviews (tenant_id, replied_by) where replied_by is not null;
create index reviews_hidden_by_idx on reviews (tenant_id, hidden_by) where hidden_by is not null;
-- The reveal job's sweep across tenants: only the unrevealed ones.
create index reviews_unrevealed_idx on reviews (window_closes_at) where revealed_at is null;
select mono.enable_tenant_rls('reviews');
select mono.enable_touch('reviews');
select mono.enable_audit('reviews');

-- A person's report of a review: once per person and review; the moderator's queue is
-- the reviews with reports.
create table review_reports (
  tenant_id uuid not null references tenants (id),
  id uuid not null default mono.uuid_v7(),
  review_id uuid not null,
  reporter_id uuid not null,
  reason text not null,
  created_at timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, review_id) references reviews (tenant_id, id) on delete cascade,
  foreign key (tenant_id, reporter_id) references users (tenant_id, id),
  constraint review_reports_reason check (length(btrim(reason)) between 1 and 1000),
  constraint review_reports_once_key unique (tenant_id, review_id, reporter_id)
);
create index review_reports_reporter_idx on review_reports (tenant_id, reporter_id);
select mono.enable_tenant_rls('review_reports', 'select, insert, delete');
select mono.enable_audit('review_reports');

-- Rating count and star sum per reviewed user, account and listing, kept by the
-- trigger mono.review_ratings (definitions/045_review_ratings.sql): revealed reviews
-- that are not hidden. The trigger adds (count + 1, sum + stars) in one short upsert,
-- so concurrent reviews of one person queue only for that statement's row lock, not
-- behind a read-modify-write.
create table rating_summaries (
  tenant_id uuid not null references tenants (id),
  id uuid not null default mono.uuid_v7(),
  subject_kind text not null check (subject_kind in ('USER', 'ACCOUNT', 'LISTING')),
  subject_id uuid not null,
  review_count integer not null default 0 check (review_count >= 0),
  star_sum integer not null default 0 check (star_sum >= 0),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id),
  constraint rating_summaries_subject_key unique (tenant_id, subject_kind, subject_id)
);
select mono.enable_tenant_rls('rating_summaries', 'select, insert, update');

-- Public profile fields: what a person shows to everyone besides the display name.
-- E-mail and phone only when listed explicitly.
alter table user_profiles add column public_fields text[] not null default '{}'
  constraint user_profiles_public_fields_check
  check (public_fields <@ array['headline', 'bio', 'avatar', 'coverImage', 'skills', 'location', 'website', 'company', 'socialLinks', 'email', 'phone']);

insert into mono.erasure_rules (table_name, match_column, match_kind, action, assignments, identifying_columns, position) values
  ('public.review_reports', 'reporter_id', 'user', 'delete', null, '{}', 80),
  ('public.reviews', 'author_id', 'user', 'update', $$body = '[erased]'$$, '{}', 81),
  ('public.reviews', 'replied_by', 'user', 'update', $$reply = '[erased]'$$, '{}', 82);
