-- A chain head opened by a runtime role starts empty whatever the INSERT says: the roles may
-- name last_seq and anchor_seq (migration 0901, for Citus) but never choose them.
create or replace function mono.audit_chain_head_starts_empty() returns trigger
language plpgsql as $$
begin
  if current_user in ('mono_app', 'mono_platform') then
    new.last_seq := 0;
    new.anchor_seq := 0;
  end if;
  return new;
end $$;

create or replace trigger starts_empty before insert on mono.audit_chain_heads
  for each row execute function mono.audit_chain_head_starts_empty();
