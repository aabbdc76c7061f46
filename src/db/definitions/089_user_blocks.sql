-- Blocks (0872) stop applications, messages and bookings between two people.
--
-- Every such interaction has one person on the "outside" — the applicant (of an
-- application, or of the application a message belongs to) or the client of a booking —
-- and is refused when that person and someone on the other side (the people of the
-- listing's account; the booked person) have blocked each other, either way round.
-- mono.block_lock(tenant, user) is a transaction-scoped advisory lock per person: an
-- interaction holds it shared for its outside person while it checks and until it
-- commits; a new block takes it exclusively for both people (in id order, so two blocks
-- never deadlock). So a block waits for interactions in flight, and later ones see it.

create or replace function mono.block_lock(p_tenant uuid, p_user uuid, p_exclusive boolean) returns void
language plpgsql as $$
declare
  k bigint := hashtextextended('mono.block:' || p_tenant::text || ':' || p_user::text, 0);
begin
  if p_exclusive then
    perform pg_advisory_xact_lock(k);
  else
    perform pg_advisory_xact_lock_shared(k);
  end if;
end $$;

create or replace function mono.user_blocks_lock() returns trigger
language plpgsql as $$
begin
  perform mono.block_lock(new.tenant_id, least(new.blocker_id, new.blocked_id), true);
  perform mono.block_lock(new.tenant_id, greatest(new.blocker_id, new.blocked_id), true);
  return new;
end $$;

create or replace trigger block_lock before insert on user_blocks
  for each row execute function mono.user_blocks_lock();

-- Is there a block, either way, between p_user and p_other (a person) or anyone of p_account?
-- PL/pgSQL, not SQL: Citus cannot plan a parameterised SQL function over a distributed table.
create or replace function mono.blocked_between(p_tenant uuid, p_user uuid, p_other uuid, p_account uuid) returns boolean
language plpgsql stable as $$
begin
  return exists (
    select 1 from user_blocks b
     where b.tenant_id = p_tenant
       and ((b.blocker_id = p_user and (b.blocked_id = p_other
              or exists (select 1 from account_users au where au.tenant_id = p_tenant and au.account_id = p_account and au.user_id = b.blocked_id)))
         or (b.blocked_id = p_user and (b.blocker_id = p_other
              or exists (select 1 from account_users au where au.tenant_id = p_tenant and au.account_id = p_account and au.user_id = b.blocker_id))))
  );
end $$;

-- The trigger's argument names its table (TG_TABLE_NAME is a shard's name on Citus).
create or replace function mono.refuse_blocked_interaction() returns trigger
language plpgsql as $$
declare
  outsider uuid;
  other uuid;
  account uuid;
begin
  if tg_argv[0] = 'bookings' then
    outsider := new.client_id;
    other := new.resource_id;
  elsif tg_argv[0] = 'applications' then
    outsider := new.applicant_id;
    select l.account_id into account from listings l where l.tenant_id = new.tenant_id and l.id = new.listing_id;
  else -- messages
    select a.applicant_id, l.account_id into outsider, account
      from applications a join listings l on l.tenant_id = a.tenant_id and l.id = a.listing_id
     where a.tenant_id = new.tenant_id and a.id = new.application_id;
  end if;
  if outsider is null or outsider = other then
    return new;
  end if;
  perform mono.block_lock(new.tenant_id, outsider, false);
  if mono.blocked_between(new.tenant_id, outsider, other, account) then
    raise exception 'one of the two people has blocked the other'
      using errcode = 'check_violation', constraint = 'user_blocked';
  end if;
  return new;
end $$;

create or replace trigger refuse_blocked before insert on applications
  for each row execute function mono.refuse_blocked_interaction('applications');
create or replace trigger refuse_blocked before insert on messages
  for each row execute function mono.refuse_blocked_interaction('messages');
create or replace trigger refuse_blocked before insert on bookings
  for each row execute function mono.refuse_blocked_interaction('bookings');
