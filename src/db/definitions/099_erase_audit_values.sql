-- (0405, 0408)
-- Erases the values of the tenant's audit entries written at or after `since` that are
-- about one of `keys` or mention what matches `pattern`: keys stay, values become
-- "[erased]", IP address and user agent go, erased_at is set and sealed (migration
-- 0960: the seal covers erased_at and the values kept, under the audit key). Returns how many.
-- PL/pgSQL with the clock in a variable: Citus can plan neither a parameterised LANGUAGE
-- sql function over a distributed table nor now() in a COALESCE of an UPDATE.
create or replace function mono.erase_audit_values(t uuid, keys text[], pattern text, since timestamptz) returns bigint
language plpgsql volatile set search_path = pg_catalog, public as $$
declare
  stamp timestamptz := now();
  erased bigint;
begin
  update public.audit_logs a
     set old_values = mono.audit_erase_values(a.old_values),
         new_values = mono.audit_erase_values(a.new_values),
         ip_address = null, user_agent = null, erased_at = coalesce(a.erased_at, stamp),
         erasure_seal = mono.audit_erasure_seal(a.hash, coalesce(a.erased_at, stamp),
                                                mono.audit_erase_values(a.old_values), mono.audit_erase_values(a.new_values))
   where a.tenant_id = t and a.created_at >= since
     and ((a.resource || ':' || a.resource_id) = any (keys)
          or (pattern is not null and coalesce(a.old_values::text, '') || ' ' || coalesce(a.new_values::text, '') ~* pattern));
  get diagnostics erased = row_count;
  return erased;
end $$;

revoke all on function mono.erase_audit_values(uuid, text[], text, timestamptz) from public;
