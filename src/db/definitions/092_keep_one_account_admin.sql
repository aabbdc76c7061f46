-- An account that has members keeps at least one admin. Checked after each statement
-- (not deferred: the account row lock must be taken before the audit chain lock a
-- transaction takes at commit, or two transactions could deadlock). Locking the
-- account rows serialises concurrent removals, so two admins demoting each other at
-- once cannot both succeed. A row trigger (Citus refuses transition tables, #19): AFTER
-- ROW triggers fire when the whole statement is done, so it judges the statement's
-- outcome; a statement touching several members of one account checks it once per row.
create or replace function mono.keep_one_account_admin() returns trigger
language plpgsql as $$
begin
  perform 1 from accounts where tenant_id = old.tenant_id and id = old.account_id and deleted_at is null for update;
  if not found then
    return null; -- the account is gone or deleted: nothing to protect
  end if;
  if exists (select 1 from account_users where tenant_id = old.tenant_id and account_id = old.account_id)
     and not exists (select 1 from account_users
                      where tenant_id = old.tenant_id and account_id = old.account_id and role = 'admin') then
    raise exception 'account % would have no admin left', old.account_id
      using errcode = 'check_violation', constraint = 'account_keeps_an_admin';
  end if;
  return null;
end $$;

create or replace trigger keep_one_account_admin_on_delete after delete on account_users
  for each row execute function mono.keep_one_account_admin();
create or replace trigger keep_one_account_admin_on_update after update on account_users
  for each row execute function mono.keep_one_account_admin();
