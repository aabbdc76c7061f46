-- The seal erasure puts on an entry (migration 0960): a keyed digest of the entry's hash,
-- its erased_at and the values it keeps, so none of them can change (and no entry be
-- marked erased) without the installation's audit key.
create or replace function mono.audit_erasure_seal(hash bytea, erased_at timestamptz, old_values jsonb, new_values jsonb)
returns bytea language sql stable parallel safe set search_path = pg_catalog as $$
  select mono.audit_hmac(convert_to('mono audit erasure' || E'\x1f', 'UTF8') || hash || convert_to(concat_ws(E'\x1f', '',
    ((extract(epoch from erased_at) * 1000000)::bigint)::text, coalesce(old_values::text, ''), coalesce(new_values::text, '')), 'UTF8'))
$$;

revoke all on function mono.audit_erasure_seal(bytea, timestamptz, jsonb, jsonb) from public;
