-- The hash of an entry of chain version 2 (migration 0960): as version 1 (0001), marked
-- "2", and also covering the digest of the entry's erased form
-- (mono.audit_erased_form_digest), so that erasure can only ever leave that form.
create or replace function mono.audit_entry_hash_v2(
  prev_hash bytea, tenant_id uuid, seq bigint, id uuid, created_at timestamptz, user_id uuid,
  action text, resource text, resource_id text, request_id text, values_digest bytea, erased_form bytea)
returns bytea language sql immutable parallel safe as $$
  select sha256(coalesce(prev_hash, '\x'::bytea) || convert_to(concat_ws(E'\x1f', '2',
    tenant_id::text, seq::text, id::text,
    ((extract(epoch from created_at) * 1000000)::bigint)::text,
    coalesce(user_id::text, ''), action, resource, resource_id, coalesce(request_id, '')), 'UTF8')
    || values_digest || erased_form)
$$;
