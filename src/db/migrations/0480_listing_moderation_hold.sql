-- A moderator's pause sticks: a listing a tenant moderator took down carries a hold, and
-- a held listing is never ACTIVE — its account cannot simply resume it; only a moderator
-- lifts the hold (by resuming it). Closing stays possible for the account.
alter table listings add column held_at timestamptz;
alter table listings add constraint listings_moderation_hold check (held_at is null or status <> 'ACTIVE');
