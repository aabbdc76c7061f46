-- The values digest of a chain version 2 entry (migration 0960): the same input as
-- mono.audit_values_digest (0001), keyed, so that a digest cannot confirm a guessed value.
create or replace function mono.audit_values_hmac(old_values jsonb, new_values jsonb, ip_address text, user_agent text)
returns bytea language sql stable parallel safe set search_path = pg_catalog as $$
  select mono.audit_hmac(convert_to(
    coalesce(old_values::text, '') || E'\x1f' || coalesce(new_values::text, '') || E'\x1f' ||
    coalesce(ip_address, '') || E'\x1f' || coalesce(user_agent, ''), 'UTF8'))
$$;

revoke all on function mono.audit_values_hmac(jsonb, jsonb, text, text) from public;
grant execute on function mono.audit_values_hmac(jsonb, jsonb, text, text) to mono_app, mono_platform;
